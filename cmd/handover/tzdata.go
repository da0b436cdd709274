package main

// The server tells times in each reader's IANA time zone (wiki.LoadZone).
// The binary is static and runs on minimal VMs and containers that may
// have no /usr/share/zoneinfo, so it carries the zone database (about
// 450 kB); a system database, when present, is still preferred.
import _ "time/tzdata"
