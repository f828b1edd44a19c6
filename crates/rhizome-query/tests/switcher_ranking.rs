//! The quick switcher's ranking, moved from the webview to Rust, gives what
//! the webview gave: the same rows in the same order, with the same field,
//! score (to the bit) and matched positions, and the same note to create,
//! for every query of a fixture written by the TypeScript ranking
//! (`ui/src/store/switcher-fixture.test.ts` checks the TypeScript scorer
//! against the same file).

use rhizome_core::{FileKind, NotePath};
use rhizome_query::switcher::{SwitchItem, SwitcherIndex};
use serde_json::Value;

#[test]
fn rust_ranking_equals_the_webviews_on_the_fixture() {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/switcher-ranking.json")).unwrap();
    let fixture: Value = serde_json::from_str(&text).unwrap();
    let items: Vec<SwitchItem> = fixture["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| {
            let path = NotePath::new(item["path"].as_str().unwrap()).unwrap();
            assert_eq!(path.title(), item["title"].as_str().unwrap(), "the fixture's titles are the engine's");
            let kind = if item["kind"] == "note" { FileKind::Note } else { FileKind::Attachment };
            assert_eq!(path.kind(), kind);
            let aliases = item["aliases"].as_array().unwrap().iter().map(|a| a.as_str().unwrap().to_string()).collect();
            SwitchItem { path, kind, aliases }
        })
        .collect();
    let index = SwitcherIndex::from_items(items);
    let cases = fixture["cases"].as_array().unwrap();
    assert!(cases.len() >= 40);
    for case in cases {
        let query = case["query"].as_str().unwrap();
        let ranked = index.rank(query, 50, &|| false).unwrap();
        let expected = case["rows"].as_array().unwrap();
        let got: Vec<(&str, usize, Vec<u32>)> =
            ranked.rows.iter().map(|row| (row.item.path.as_str(), row.field, row.positions.clone())).collect();
        let want: Vec<(&str, usize, Vec<u32>)> = expected
            .iter()
            .map(|row| {
                let positions = row["positions"].as_array().unwrap().iter().map(|p| p.as_u64().unwrap() as u32);
                (row["path"].as_str().unwrap(), row["field"].as_u64().unwrap() as usize, positions.collect())
            })
            .collect();
        assert_eq!(got, want, "query {query:?}");
        for (row, want) in ranked.rows.iter().zip(expected) {
            let want = want["score"].as_f64().unwrap();
            assert_eq!(
                row.score.to_bits(),
                want.to_bits(),
                "query {query:?}: {} field {} score {} against {want}",
                row.item.path.as_str(),
                row.field,
                row.score
            );
        }
        assert_eq!(ranked.matched as u64, case["matched"].as_u64().unwrap(), "query {query:?}");
        assert_eq!(ranked.create.as_deref(), case["create"].as_str(), "query {query:?}");
    }
}
