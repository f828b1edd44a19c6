//! Every example on Obsidian's "Search" help page, as a table: the query,
//! a small vault, and exactly the files it must find. The examples come from
//! obsidianmd/obsidian-help `en/Plugins/Search.md` (the current page and its
//! earlier versions, which had `file:("to be" OR -"2B")`, `foo -tag:#bar`,
//! `((a OR b) (c OR d))`, `/[a-z]{3}/` and `task:""`) and the property
//! examples of the newest page (`[property:null]`, `[duration:<5]`,
//! `[duration:>5]`). Where an example uses single letters (`a OR b`), which
//! every `.md` path contains, words stand in for them and the example is
//! also checked to parse to the same shape. Edge cases follow the examples.

use rhizome_core::{parse_note, FileKind, NotePath};
use rhizome_query::corpus::{Corpus, Entry};
use rhizome_query::search::{collect, matching_paths, Request};
use rhizome_query::Query;

/// A corpus of `files`; tags come from the engine's parse, as in the app.
fn vault(files: &[(&str, &str)]) -> Corpus {
    let entries = files
        .iter()
        .enumerate()
        .map(|(i, (path, text))| {
            let path = NotePath::new(path).unwrap();
            let tags = if path.kind() == FileKind::Note { parse_note(text).tags } else { Vec::new() };
            Entry::new(path, text.to_string(), &tags, 1_000 * i as i64, 0)
        })
        .collect();
    Corpus::build(entries)
}

/// The files `query` finds, checked two ways (with highlights and without).
fn found(corpus: &Corpus, query: &str) -> Vec<String> {
    let parsed = Query::parse(query, false).unwrap_or_else(|e| panic!("{query}: {}", e.message));
    let paths: Vec<String> = matching_paths(corpus, &parsed).iter().map(|p| p.as_str().to_string()).collect();
    let (files, summary) = collect(corpus, &parsed, &Request::default());
    let mut described: Vec<String> = files.iter().map(|f| f.path.as_str().to_string()).collect();
    described.sort();
    assert_eq!(paths, described, "{query}: the two evaluations differ");
    assert_eq!(summary.files, files.len());
    paths
}

fn check(corpus: &Corpus, rows: &[(&str, &[&str])]) {
    for (query, expected) in rows {
        let mut expected: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
        expected.sort();
        assert_eq!(found(corpus, query), expected, "query {query}");
    }
}

#[test]
fn search_terms() {
    let corpus = vault(&[
        ("notes/a.md", "The meeting at work."),
        ("notes/b.md", "A meeting alone."),
        ("notes/c.md", "Only work."),
        ("notes/d.md", "A meetup that was personal."),
        ("notes/e.md", "A meeting, then a personal meetup."),
        ("notes/f.md", "meeting work meetup"),
        ("notes/g.md", "Star Wars is a film; a star wars fan."),
        ("notes/h.md", "the star and the wars"),
        ("notes/i.md", "They said \"hello\" to each other."),
        ("notes/j.md", "they said hello to each other"),
        ("notes/k.md", r"Saved in C:\temp today"),
        ("notes/l.md", "foo and bar"),
        ("notes/m.md", "foo bar"),
        ("notes/n.md", "bar only"),
        ("notes/o.md", "foo only"),
        ("notes/p.md", "alpha gamma"),
        ("notes/q.md", "beta delta"),
        ("notes/r.md", "alpha beta"),
        ("notes/s.md", "gamma delta"),
        ("Photos/meeting.jpg", ""),
    ]);
    check(
        &corpus,
        &[
            // "To search for an exact phrase, surround it with quotes".
            (r#""star wars""#, &["notes/g.md"]),
            ("star wars", &["notes/g.md", "notes/h.md"]),
            (r#""they said \"hello\" to each other""#, &["notes/i.md"]),
            // "And `\\` will do the same for backslash."
            (r#""C:\\temp""#, &["notes/k.md"]),
            // "`meeting work` returns files that contain both".
            ("meeting work", &["notes/a.md", "notes/f.md"]),
            ("meeting OR work", &["notes/a.md", "notes/b.md", "notes/c.md", "notes/e.md", "notes/f.md"]),
            ("meeting work OR meetup personal", &["notes/a.md", "notes/d.md", "notes/e.md", "notes/f.md"]),
            ("meeting (work OR meetup) personal", &["notes/e.md"]),
            ("meeting -work", &["notes/b.md", "notes/e.md"]),
            ("meeting -work -meetup", &["notes/b.md"]),
            ("meeting -(work meetup)", &["notes/a.md", "notes/b.md", "notes/e.md"]),
            // The older page's `foo bar` examples.
            ("foo bar", &["notes/l.md", "notes/m.md"]),
            (r#""foo bar""#, &["notes/m.md"]),
            ("foo OR bar", &["notes/l.md", "notes/m.md", "notes/n.md", "notes/o.md"]),
            ("foo -bar", &["notes/o.md"]),
            // `((a OR b) (c OR d))` and `(a OR b) (c OR d)`, with words.
            ("((alpha OR beta) (gamma OR delta))", &["notes/p.md", "notes/q.md"]),
            ("(alpha OR beta) (gamma OR delta)", &["notes/p.md", "notes/q.md"]),
        ],
    );
    let letters = Query::parse("((a OR b) (c OR d))", false).unwrap();
    let words = Query::parse("((alpha OR beta) (gamma OR delta))", false).unwrap();
    let renamed = letters
        .explain()
        .replace("\"a\"", "\"alpha\"")
        .replace("\"b\"", "\"beta\"")
        .replace("\"c\"", "\"gamma\"")
        .replace("\"d\"", "\"delta\"");
    assert_eq!(renamed, words.explain(), "the letter example parses to the same shape");
}

#[test]
fn operators() {
    let corpus = vault(&[
        ("Daily notes/2022-07-14.md", "Went shopping. Bought flour and eggs."),
        ("Daily notes/2022-08-01.md", "Nothing special."),
        ("Daily Notes/2020-07-01.md", "An old note."),
        ("202007 ideas.md", "Ideas from July."),
        ("Photos/202209 trip.jpg", ""),
        ("Photos/cat.jpg", ""),
        ("Cats.md", "The happy cat sat."),
        ("Brands/Case.md", "HappyCat is a brand."),
        ("Brands/lower.md", "happycat in lower case."),
        ("Shopping.md", "Went to IKEA on Sunday."),
        ("Recipes/Bread.md", "Mix the flour\nand the water.\n\nMix flour with salt."),
        ("Recipes/Cake.md", "Mix the eggs.\nAdd flour."),
        ("Animals/one.md", "# Dogs\nThe dog barks.\n\nThe cat sleeps.\n"),
        ("Animals/two.md", "The dog\nand the cat\nare friends.\n"),
        ("Animals/three.md", "# A\nthe dog\n# B\nthe cat"),
        ("Tasks.md", "- [ ] call mom\n- [x] email the bank\n- [x] call the plumber\n- [ ] buy milk\n"),
        ("Other tasks.md", "- [ ] email Alice\n\nplain call here\n"),
        ("Done.md", "- [x] call back\n"),
    ]);
    check(
        &corpus,
        &[
            // file: "Find text in filename. Matches any file in the vault."
            ("file:.jpg", &["Photos/202209 trip.jpg", "Photos/cat.jpg"]),
            (r#"file:".jpg""#, &["Photos/202209 trip.jpg", "Photos/cat.jpg"]),
            ("file:202209", &["Photos/202209 trip.jpg"]),
            ("file:202007", &["202007 ideas.md"]),
            (r#"file:"202007""#, &["202007 ideas.md"]),
            // path: "Find text in file path."
            (r#"path:"Daily notes/2022-07""#, &["Daily notes/2022-07-14.md"]),
            (r#"path:"Daily Notes/2020-07""#, &["Daily Notes/2020-07-01.md"]),
            // content: "Find text in file content." (the path is not searched)
            (r#"content:"happy cat""#, &["Cats.md"]),
            ("content:daily", &[]),
            ("daily", &["Daily Notes/2020-07-01.md", "Daily notes/2022-07-14.md", "Daily notes/2022-08-01.md"]),
            // match-case: and ignore-case:
            ("match-case:HappyCat", &["Brands/Case.md"]),
            ("HappyCat", &["Brands/Case.md", "Brands/lower.md"]),
            ("ignore-case:ikea", &["Shopping.md"]),
            ("match-case:ikea", &[]),
            ("match-case:(HappyCat OR IKEA)", &["Brands/Case.md", "Shopping.md"]),
            ("ignore-case:(happycat)", &["Brands/Case.md", "Brands/lower.md"]),
            // line: "Find matches on the same line."
            ("line:(mix flour)", &["Recipes/Bread.md"]),
            ("mix flour", &["Recipes/Bread.md", "Recipes/Cake.md"]),
            // block: and section:
            ("block:(dog cat)", &["Animals/two.md"]),
            ("section:(dog cat)", &["Animals/one.md", "Animals/two.md"]),
            ("dog cat", &["Animals/one.md", "Animals/three.md", "Animals/two.md"]),
            ("line:(dog cat)", &[]),
            // task:, task-todo:, task-done: "on a block-by-block basis".
            ("task:call", &["Done.md", "Tasks.md"]),
            ("task-todo:call", &["Tasks.md"]),
            ("task-done:call", &["Done.md", "Tasks.md"]),
            ("task:(call OR email)", &["Done.md", "Other tasks.md", "Tasks.md"]),
            ("task-todo:email", &["Other tasks.md"]),
            // `task:""` matches all tasks.
            (r#"task:"""#, &["Done.md", "Other tasks.md", "Tasks.md"]),
            (r#"task-todo:"""#, &["Other tasks.md", "Tasks.md"]),
            (r#"task-done:"""#, &["Done.md", "Tasks.md"]),
            // Regular expressions, alone and with an operator.
            (
                r"/\d{4}-\d{2}-\d{2}/",
                &["Daily Notes/2020-07-01.md", "Daily notes/2022-07-14.md", "Daily notes/2022-08-01.md"],
            ),
            (
                r"path:/\d{4}-\d{2}-\d{2}/",
                &["Daily Notes/2020-07-01.md", "Daily notes/2022-07-14.md", "Daily notes/2022-08-01.md"],
            ),
            (r"file:/^\d{6} /", &["202007 ideas.md", "Photos/202209 trip.jpg"]),
            // Operators negated.
            ("file:.jpg -file:cat", &["Photos/202209 trip.jpg"]),
            ("flour -line:(mix flour)", &["Daily notes/2022-07-14.md", "Recipes/Cake.md"]),
        ],
    );
}

#[test]
fn file_subquery_with_negated_phrase() {
    // `file:("to be" OR -"2B")`: names with "to be", or without "2B".
    let corpus = vault(&[("To be or not.md", "x"), ("Plan 2B.md", "x"), ("Plain.md", "x"), ("Tobe 2b.png", "")]);
    check(&corpus, &[(r#"file:("to be" OR -"2B")"#, &["Plain.md", "To be or not.md"])]);
}

#[test]
fn tags() {
    let corpus = vault(&[
        ("Inline.md", "A note about #work and foo."),
        ("Nested.md", "Project #work/meeting notes, foo"),
        ("Front.md", "---\ntags: [work]\n---\nbody with foo"),
        ("Code.md", "```\n#work\n```\nand `#work` inline code, foo"),
        ("Workshop.md", "#workshop foo"),
        ("Bar.md", "foo #bar"),
        ("Case.md", "#WORK in capitals"),
    ]);
    check(
        &corpus,
        &[
            ("tag:#work", &["Case.md", "Front.md", "Inline.md", "Nested.md"]),
            ("tag:work", &["Case.md", "Front.md", "Inline.md", "Nested.md"]),
            ("tag:#work/meeting", &["Nested.md"]),
            ("tag:(#bar OR #workshop)", &["Bar.md", "Workshop.md"]),
            // "You can use `-` to exclude specific results from search, for example: `foo -tag:#bar`."
            ("foo -tag:#bar", &["Code.md", "Front.md", "Inline.md", "Nested.md", "Workshop.md"]),
            // A plain search for the text finds code too; `tag:` does not.
            ("#work", &["Case.md", "Code.md", "Inline.md", "Nested.md", "Workshop.md"]),
            ("line:(tag:#work foo)", &["Inline.md", "Nested.md"]),
            ("line:(tag:#work bar)", &[]),
        ],
    );
}

#[test]
fn regex_example_and_case() {
    let corpus = vault(&[("x.md", "12 34"), ("y.md", "abc"), ("z.md", "ABC"), ("w.md", "ab 12")]);
    check(&corpus, &[("/[a-z]{3}/", &["y.md", "z.md"]), ("match-case:/[a-z]{3}/", &["y.md"])]);
}

#[test]
fn properties() {
    let corpus = vault(&[
        ("p1.md", "---\naliases: [Name, Other]\nstatus: Draft\nduration: 3\ncreated: 2024-03-01\n---\n"),
        ("p2.md", "---\naliases:\nstatus: Published\nduration: 10\ncreated: 2023-12-31\n---\n"),
        ("p3.md", "---\naliases: \"\"\nstatus: Archived\nduration: 5\n---\n"),
        ("p4.md", "---\naliases: []\nStatus: \"Draft 2\"\n---\n"),
        ("p5.md", "No front matter, but aliases: Name in the text."),
    ]);
    check(
        &corpus,
        &[
            ("[aliases]", &["p1.md", "p2.md", "p3.md", "p4.md"]),
            ("[aliases:Name]", &["p1.md"]),
            ("[status:Draft OR Published]", &["p1.md", "p2.md", "p4.md"]),
            (r#"[status:"Draft 2"]"#, &["p4.md"]),
            ("[status:/^draft$/]", &["p1.md"]),
            // "The null operator works when a property is empty, but not with "" or []".
            ("[aliases:null]", &["p2.md"]),
            ("[duration:<5]", &["p1.md"]),
            ("[duration:>5]", &["p2.md"]),
            ("[duration:>=5]", &["p2.md", "p3.md"]),
            ("[created:>2024-01-01]", &["p1.md"]),
            ("[created:<2024-01-01]", &["p2.md"]),
            ("[/^dur/:<4]", &["p1.md"]),
            ("-[aliases]", &["p5.md"]),
            ("[status:draft] [duration:<5]", &["p1.md"]),
            // The front matter is part of the text.
            ("content:Archived", &["p3.md"]),
        ],
    );
}

#[test]
fn embedded_query_example() {
    let corpus = vault(&[("a.md", "How to embed a query"), ("b.md", "search everywhere"), ("c.md", "nothing")]);
    check(&corpus, &[("embed OR search", &["a.md", "b.md"])]);
}

#[test]
fn edge_cases() {
    let corpus = vault(&[
        ("People/Joëlle.md", "Met JOËLLE today."),
        ("Turkish.md", "İSTANBUL trip"),
        ("German.md", "STRASSE und Straße"),
        ("Windows.md", "first line\r\nmix flour\r\nlast\r\n"),
        ("Front.md", "---\nstatus: done\n---\nplain body"),
        ("Other.md", "plain"),
        ("pic.png", ""),
    ]);
    check(
        &corpus,
        &[
            // Empty queries match nothing.
            ("", &[]),
            ("   ", &[]),
            // Only negations: every note without the word (attachments are not notes).
            ("-plain", &["German.md", "People/Joëlle.md", "Turkish.md", "Windows.md"]),
            ("-plain -joëlle", &["German.md", "Turkish.md", "Windows.md"]),
            // Unicode case folding, as JavaScript's toLowerCase.
            ("joëlle", &["People/Joëlle.md"]),
            ("JOËLLE today", &["People/Joëlle.md"]),
            ("istanbul", &[]),
            ("i̇stanbul", &["Turkish.md"]),
            ("İstanbul", &["Turkish.md"]),
            ("strasse", &["German.md"]),
            ("match-case:Straße", &["German.md"]),
            // CRLF notes: lines end before the `\r`.
            ("line:(mix flour)", &["Windows.md"]),
            ("line:(/flour$/)", &["Windows.md"]),
            (r"/flour$/", &["Windows.md"]),
            // The front matter is text.
            ("done", &["Front.md"]),
            ("section:(done plain)", &["Front.md"]),
            ("block:(done plain)", &[]),
        ],
    );
}

#[test]
fn malformed_queries_explain_themselves() {
    for (query, says) in [
        ("\"open phrase", "quote is not closed"),
        ("/(a/", "is not valid"),
        ("/open", "regular expression is not closed"),
        ("(a OR b", "“(” is not closed"),
        ("a OR", "OR"),
        ("path:", "needs something"),
        ("[status", "“[” is not closed"),
    ] {
        let err = Query::parse(query, false).expect_err(query);
        assert!(err.message.contains(says), "{query}: {}", err.message);
    }
}

#[test]
fn highlights_and_lines() {
    let corpus = vault(&[
        ("Recipes/Bread.md", "Mix the flour\nand the water.\n\nMix flour with salt."),
        ("Meeting notes.md", "---\ntags: [work]\n---\nThe meeting ran long.\n```\n#work\n```\nMore #work here."),
    ]);
    let run = |q: &str| {
        let (files, _) = collect(&corpus, &Query::parse(q, false).unwrap(), &Request::default());
        files
    };
    let bread = &run("line:(mix flour)")[0];
    assert_eq!(bread.lines.iter().map(|l| l.line).collect::<Vec<_>>(), [1, 4]);
    assert_eq!(bread.lines[1].text, "Mix flour with salt.");
    assert_eq!(bread.lines[1].ranges, [0..3, 4..9]);
    assert_eq!(bread.count, 4);

    let meeting = &run("meeting")[0];
    assert_eq!(meeting.lines[0].line, 0, "the path comes first");
    assert_eq!(meeting.lines[0].text, "Meeting notes.md");
    assert_eq!(meeting.lines[1].line, 4);

    let tagged = &run("tag:#work")[0];
    let lines: Vec<u32> = tagged.lines.iter().map(|l| l.line).collect();
    assert_eq!(lines, [2, 8], "the front matter entry and the body tag, not the one in code");
}
