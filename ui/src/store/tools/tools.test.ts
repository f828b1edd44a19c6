import { describe, expect, it } from "vitest";
import type { DailyNotesDto, FileEntryDto } from "../../ipc/generated";
import { adjacentDailyNote, dailyNoteDate, dailyNotePath, dailyNotes } from "./daily-notes";
import { addDays, formatDate, parseDate } from "./moment";
import { freeNotePath, linkTo, newNoteFolder, randomNote, uniqueNotePath } from "./new-notes";
import { parentTags, tagRows } from "./tags-view-model";
import { fillTemplate, noteTitle, templateNotePath } from "./templates";

// Friday 5 January 2024, 09:07:03.045, local time.
const NOW = new Date(2024, 0, 5, 9, 7, 3, 45);

const note = (path: string): FileEntryDto => ({ path, kind: "note", title: noteTitle(path), folder: path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "" });

describe("Moment-style date tokens", () => {
  it.each([
    ["YYYY-MM-DD", "2024-01-05"],
    ["YY/M/D", "24/1/5"],
    ["DD.MM.YYYY", "05.01.2024"],
    ["MMMM Do, YYYY", "January 5th, 2024"],
    ["MMM D", "Jan 5"],
    ["dddd", "Friday"],
    ["ddd dd d", "Fri Fr 5"],
    ["HH:mm:ss", "09:07:03"],
    ["H:m:s", "9:7:3"],
    ["hh:mm A", "09:07 AM"],
    ["h a", "9 am"],
    ["SSS", "045"],
    ["Q", "1"],
    ["gggg-[W]ww", "2024-W01"],
    ["GGGG-[W]WW", "2024-W01"],
    ["[Week] w", "Week 1"],
    ["YYYYMMDDHHmm", "202401050907"],
    ["[Daily] YYYY [at] HH[h]", "Daily 2024 at 09h"],
  ])("%s", (format, expected) => {
    expect(formatDate(NOW, format)).toBe(expected);
  });

  it("a blank format is YYYY-MM-DD", () => {
    expect(formatDate(NOW, "  ")).toBe("2024-01-05");
  });

  it("reads names back strictly", () => {
    expect(parseDate("2024-01-05", "YYYY-MM-DD")?.getDate()).toBe(5);
    expect(parseDate("2024-01-05 Friday", "YYYY-MM-DD dddd")?.getMonth()).toBe(0);
    expect(parseDate("January 5th, 2024", "MMMM Do, YYYY")?.getFullYear()).toBe(2024);
    expect(parseDate("2024-1-5", "YYYY-MM-DD")).toBeNull();
    expect(parseDate("2024-02-30", "YYYY-MM-DD")).toBeNull();
    expect(parseDate("Untitled", "YYYY-MM-DD")).toBeNull();
  });

  it("steps whole days", () => {
    expect(formatDate(addDays(NOW, 1), "YYYY-MM-DD HH:mm")).toBe("2024-01-06 00:00");
    expect(formatDate(addDays(NOW, -5), "YYYY-MM-DD")).toBe("2023-12-31");
  });
});

describe("template variables", () => {
  const context = { title: "Meeting notes", now: NOW, dateFormat: "DD/MM/YYYY", timeFormat: "HH:mm" };

  it("fills title, date and time in the plugin's formats", () => {
    expect(fillTemplate("# {{title}}\n{{date}} {{time}}", context)).toBe("# Meeting notes\n05/01/2024 09:07");
  });

  it("one-off formats override, once", () => {
    expect(fillTemplate("{{date:YYYY-MM-DD}} / {{time:HH:mm:ss}} / {{date}}", context)).toBe("2024-01-05 / 09:07:03 / 05/01/2024");
    expect(fillTemplate("{{date:dddd, MMMM Do}}", context)).toBe("Friday, January 5th");
  });

  it("reads names ignoring case and spaces, and leaves other braces alone", () => {
    expect(fillTemplate("{{ Title }} {{DATE}} {{ time : HH }}", context)).toBe("Meeting notes 05/01/2024 09");
    expect(fillTemplate("{{other}} {{date:}} {title}", context)).toBe("{{other}} 05/01/2024 {title}");
  });

  it("names notes and templates", () => {
    expect(noteTitle("a/b/Meeting.md")).toBe("Meeting");
    expect(templateNotePath("Templates/Daily")).toBe("Templates/Daily.md");
    expect(templateNotePath("/Templates/Daily.md")).toBe("Templates/Daily.md");
    expect(templateNotePath("  ")).toBeNull();
  });
});

describe("daily notes", () => {
  const settings: DailyNotesDto = { folder: "Journal/", format: "YYYY-MM-DD", template: "" };

  it("names today's note in its folder, with folders from the format", () => {
    expect(dailyNotePath(settings, NOW)).toBe("Journal/2024-01-05.md");
    expect(dailyNotePath({ folder: "", format: "YYYY/MM/YYYY-MM-DD", template: "" }, NOW)).toBe("2024/01/2024-01-05.md");
    expect(dailyNotePath({ folder: "", format: "", template: "" }, NOW)).toBe("2024-01-05.md");
  });

  it("knows which notes are daily notes", () => {
    expect(dailyNoteDate(settings, "Journal/2024-01-05.md")?.getDate()).toBe(5);
    expect(dailyNoteDate(settings, "2024-01-05.md")).toBeNull();
    expect(dailyNoteDate(settings, "Journal/2024-1-5.md")).toBeNull();
    expect(dailyNoteDate(settings, "Journal/Ideas.md")).toBeNull();
  });

  it("finds the previous and next existing daily notes", () => {
    const files = ["Journal/2023-12-30.md", "Journal/2024-01-05.md", "Journal/2024-01-09.md", "Journal/Ideas.md", "2024-01-06.md"].map(note);
    expect(dailyNotes(settings, files).map((n) => n.path)).toEqual(["Journal/2023-12-30.md", "Journal/2024-01-05.md", "Journal/2024-01-09.md"]);
    expect(adjacentDailyNote(settings, files, "Journal/2024-01-05.md", -1)).toBe("Journal/2023-12-30.md");
    expect(adjacentDailyNote(settings, files, "Journal/2024-01-05.md", 1)).toBe("Journal/2024-01-09.md");
    expect(adjacentDailyNote(settings, files, "Journal/2024-01-09.md", 1)).toBeNull();
    expect(adjacentDailyNote(settings, files, "Journal/Ideas.md", 1)).toBeNull();
  });
});

describe("new notes", () => {
  it("unique notes take the next free timestamp", () => {
    expect(uniqueNotePath("Zettel", "YYYYMMDDHHmm", [], NOW)).toBe("Zettel/202401050907.md");
    const taken = [note("Zettel/202401050907.md"), note("Zettel/202401050908.md")];
    expect(uniqueNotePath("Zettel", "YYYYMMDDHHmm", taken, NOW)).toBe("Zettel/202401050909.md");
    expect(uniqueNotePath("", "YYYYMMDDHHmmss", [note("20240105090703.md")], NOW)).toBe("20240105090704.md");
    expect(uniqueNotePath("", "YYYY-MM-DD", [note("2024-01-05.md")], NOW)).toBe("2024-01-05 1.md");
  });

  it("a random note is never the one shown when there is another", () => {
    const files = [note("a.md"), note("b.md"), { ...note("pic.png"), kind: "attachment" as const }];
    expect(randomNote(files, "a.md", () => 0)).toBe("b.md");
    expect(randomNote(files, "a.md", () => 0.999)).toBe("b.md");
    expect(randomNote(files, null, () => 0.6)).toBe("b.md");
    expect(randomNote([note("a.md")], "a.md", () => 0.5)).toBe("a.md");
    expect(randomNote([], null, () => 0.5)).toBeNull();
  });

  it("new notes go where the setting says", () => {
    expect(newNoteFolder({ new_file_location: "root", new_file_folder: "x" }, "a/b.md")).toBe("");
    expect(newNoteFolder({ new_file_location: "current", new_file_folder: "" }, "a/b.md")).toBe("a");
    expect(newNoteFolder({ new_file_location: "current", new_file_folder: "" }, null)).toBe("");
    expect(newNoteFolder({ new_file_location: "folder", new_file_folder: "/Inbox/" }, "a/b.md")).toBe("Inbox");
    expect(freeNotePath([note("Inbox/Idea.md")], "Inbox", "Idea")).toBe("Inbox/Idea 1.md");
  });

  it("links are wikilinks or Markdown links, as the setting says", () => {
    const files = [note("a/Idea.md"), note("b/Idea.md"), note("Plan.md")];
    expect(linkTo("Plan.md", files, false)).toBe("[[Plan]]");
    expect(linkTo("a/Idea.md", files, false)).toBe("[[a/Idea]]");
    expect(linkTo("My notes/Big plan.md", files, true)).toBe("[Big plan](My%20notes/Big%20plan.md)");
  });
});

describe("tags view", () => {
  const tags = [
    { tag: "idea", notes: 5, written: true },
    { tag: "project", notes: 3, written: false },
    { tag: "project/alpha", notes: 1, written: true },
    { tag: "project/beta", notes: 2, written: true },
    { tag: "Zeta", notes: 9, written: true },
  ];

  it("nests tags as a tree sorted by name", () => {
    const rows = tagRows(tags, "name", true, new Set());
    expect(rows.map((r) => `${"  ".repeat(r.depth)}${r.label} ${r.count}`)).toEqual(["idea 5", "project 3", "  alpha 1", "  beta 2", "Zeta 9"]);
    expect(rows[1]?.hasChildren).toBe(true);
  });

  it("sorts by frequency and folds", () => {
    const rows = tagRows(tags, "count", true, new Set(["project"]));
    expect(rows.map((r) => r.label)).toEqual(["Zeta", "idea", "project"]);
    expect(rows[2]?.expanded).toBe(false);
    expect([...parentTags(tags)]).toEqual(["project"]);
  });

  it("lists tags flat when nesting is off", () => {
    expect(tagRows(tags, "count", false, new Set()).map((r) => r.label)).toEqual(["Zeta", "idea", "project/beta", "project/alpha"]);
  });
});
