// Read .ics files the way Thunderbird and web calendars do (ical.js) and print what they see.
//
// Usage: node tests/js/parse.mjs FILE.ics [FILE.ics ...]
// Prints one JSON object: for each file, the calendar's name and every event with its UTC
// start and end computed through the VTIMEZONE in that same file (registered with ical.js's
// TimezoneService; ical.js knows no other zones), plus every warning ical.js printed.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const warnings = [];
for (const level of ["warn", "error"]) {
  console[level] = (...args) => warnings.push(`${level}: ${args.join(" ")}`);
}

function utc(time) {
  // toUnixTime() converts through time.zone; a floating time (unknown TZID) would be read as UTC.
  return {
    utc: new Date(time.toUnixTime() * 1000).toISOString(),
    tzid: time.zone ? time.zone.tzid : null,
  };
}

function readCalendar(path) {
  const root = new ICAL.Component(ICAL.parse(readFileSync(path, "utf8")));
  ICAL.TimezoneService.reset();
  const zones = root.getAllSubcomponents("vtimezone").map((vtimezone) => {
    const zone = new ICAL.Timezone(vtimezone);
    ICAL.TimezoneService.register(zone);
    return zone.tzid;
  });
  const events = root.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    const start = utc(event.startDate);
    const end = utc(event.endDate);
    return {
      uid: event.uid,
      summary: event.summary,
      status: vevent.getFirstPropertyValue("status"),
      sequence: event.sequence,
      location: event.location,
      description: event.description,
      start: start.utc,
      end: end.utc,
      start_tzid: start.tzid,
      end_tzid: end.tzid,
    };
  });
  return {
    name: root.getFirstPropertyValue("name") ?? null,
    x_wr_calname: root.getFirstPropertyValue("x-wr-calname") ?? null,
    timezones: zones,
    events,
  };
}

const files = {};
for (const path of process.argv.slice(2)) {
  files[path] = readCalendar(path);
}
process.stdout.write(JSON.stringify({ files, warnings }));
