package main

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/handover/handover/wiki"
)

// writePNG writes a small striped PNG to dir/name.
func writePNG(t *testing.T, dir, name string) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 240, 120))
	for y := range 120 {
		for x := range 240 {
			img.Set(x, y, color.RGBA{R: uint8(x), G: uint8(100 + y), B: 160, A: 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// fakeClipboard pastes a PNG drawn on a canvas into the editor, then drops
// a text file on it, as a user's clipboard and file manager would.
const fakeClipboard = `(() => {
  const ta = document.querySelector("#markdown");
  const c = document.createElement("canvas");
  c.width = 40; c.height = 20;
  c.getContext("2d").fillRect(0, 0, 40, 20);
  return new Promise(done => c.toBlob(blob => {
    const paste = new DataTransfer();
    paste.items.add(new File([blob], "image.png", {type: "image/png"}));
    ta.dispatchEvent(new ClipboardEvent("paste", {clipboardData: paste, bubbles: true, cancelable: true}));
    const drop = new DataTransfer();
    drop.items.add(new File(["on-call notes"], "notes.txt", {type: "text/plain"}));
    ta.dispatchEvent(new DragEvent("drop", {dataTransfer: drop, bubbles: true, cancelable: true}));
    done();
  }, "image/png"));
})()`

// TestBrowserAttachImage: alex picks an image in the editor's file input;
// the script uploads it and puts its reference at the cursor; after saving,
// the page shows the image (loaded, not broken) and lists the file.
func TestBrowserAttachImage(t *testing.T) {
	ctx := newBrowser(t)
	app := newTestApp(t)
	app.AddUser("alex", wiki.RoleMember)
	app.SavePage("ops/network", "# Network\n\n## Diagram\n\nThe core switches:\n")
	file := writePNG(t, t.TempDir(), "core switches.png")
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	err := chromedp.Do(ctx,
		browserSignIn(app.Server.URL, "alex", "/edit/ops/network"),
		chromedp.WaitVisible(css(`#attach-file`)),
		// The cursor goes to the end of the text, where the image belongs.
		chromedp.Evaluate[chromedp.Void](`(() => { const t = document.querySelector("#markdown"); t.focus(); t.setSelectionRange(t.value.length, t.value.length); })()`),
		chromedp.SetUploadFiles(css(`#attach-file`), []string{file}),
		chromedp.Click(css(`form[data-attach] button[type=submit]`)),
		chromedp.Poll[chromedp.Void](`document.querySelector("#markdown").value.includes("](/files/ops/network/")`),
		screenshot(t, "30-editor-after-upload"),
		// A pasted screenshot and a dropped file take the same way.
		chromedp.Evaluate[chromedp.Void](fakeClipboard),
		chromedp.Poll[chromedp.Void](`document.querySelector("#markdown").value.includes("](/files/ops/network/screenshot-")`),
		chromedp.Poll[chromedp.Void](`document.querySelector("#markdown").value.includes("[notes.txt](/files/ops/network/notes.txt)")`),
		chromedp.SetValue(css(`input[name=comment]`), "add the diagram"),
		chromedp.Click(css(`button[name=action][value=save]`)),
		chromedp.WaitVisible(css(`#page-title`)),
		chromedp.Poll[chromedp.Void](`(() => { const i = document.querySelector(".prose img"); return i && i.complete && i.naturalWidth === 240; })()`),
		screenshot(t, "31-page-with-image"),
	)
	if err != nil {
		t.Fatalf("attach an image from the editor: %v", err)
	}
	p, _ := app.Main.Store.Page("ops/network")
	saved, _ := app.Main.Store.CurrentText(p)
	for _, want := range []string{"switches:\n\n![core switches.png](/files/ops/network/core%20switches.png)\n", "[notes.txt](/files/ops/network/notes.txt)"} {
		if !strings.Contains(saved, want) {
			t.Errorf("saved text = %q, want it to contain %q", saved, want)
		}
	}
	if got := text(t, ctx, "aside.side"); !strings.Contains(got, "core switches.png") {
		t.Errorf("the side panel does not list the file: %q", got)
	}
}
