//! The quick switcher's command body: the vault's files ranked in Rust
//! (`rhizome_query::switcher`), not in the webview, so a keystroke over
//! 100k titles, aliases and paths costs milliseconds and never blocks the
//! window. The prepared index is kept per session and built again, on the
//! next query, after the engine applied a batch. A query that a newer one
//! superseded stops early and answers `None`.

use crate::dto::EntryKindDto;
use crate::error::IpcResult;
use crate::state::Session;
use crate::switch_dto::{QuickSwitchDto, QuickSwitchRowDto, SwitchFieldDto};
use rhizome_core::FileKind;
use rhizome_query::switcher::SwitcherIndex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// Default and maximum rows of one answer.
pub const SWITCH_LIMIT: u32 = 50;
pub const SWITCH_LIMIT_MAX: u32 = 500;

/// A session's switcher: the prepared index with the engine mark it was
/// built at, and the number of the newest query.
#[derive(Default)]
pub struct SwitcherCache {
    built: Mutex<Option<(u64, Arc<SwitcherIndex>)>>,
    newest: AtomicU64,
}

impl SwitcherCache {
    /// The index for the engine at `mark`, built now if the vault changed.
    fn index(&self, session: &Session, mark: u64) -> Arc<SwitcherIndex> {
        let mut built = self.built.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((at, index)) = built.as_ref() {
            if *at == mark {
                return index.clone();
            }
        }
        let index = Arc::new(SwitcherIndex::build(session.vault().index()));
        *built = Some((mark, index.clone()));
        index
    }
}

/// Ranks the vault's files for `query`; `None` when a newer query came in
/// while this one ran. `mark` is the engine's applied-batch mark now.
pub fn quick_switch(
    session: &Session,
    mark: u64,
    query: &str,
    limit: Option<u32>,
) -> IpcResult<Option<QuickSwitchDto>> {
    let cache = session.switcher();
    let mine = cache.newest.fetch_add(1, Ordering::SeqCst) + 1;
    let superseded = || cache.newest.load(Ordering::Relaxed) != mine;
    let index = cache.index(session, mark);
    let started = Instant::now();
    let limit = limit.unwrap_or(SWITCH_LIMIT).min(SWITCH_LIMIT_MAX) as usize;
    let Some(ranked) = index.rank(query, limit, &superseded) else { return Ok(None) };
    let engine_us = u32::try_from(started.elapsed().as_micros()).unwrap_or(u32::MAX);
    let rows = ranked
        .rows
        .into_iter()
        .map(|row| {
            let item = &index.items()[row.item];
            let aliases = item.aliases.len();
            let (field, alias) = match row.field {
                0 => (SwitchFieldDto::Label, None),
                n if n <= aliases => (SwitchFieldDto::Alias, Some(item.aliases[n - 1].clone())),
                _ => (SwitchFieldDto::Path, None),
            };
            QuickSwitchRowDto {
                path: item.path.as_str().to_string(),
                label: item.label().to_string(),
                kind: match item.kind {
                    FileKind::Note => EntryKindDto::Note,
                    FileKind::Attachment => EntryKindDto::Attachment,
                },
                field,
                alias,
                positions: row.positions,
            }
        })
        .collect();
    Ok(Some(QuickSwitchDto {
        query: query.to_string(),
        rows,
        matched: u32::try_from(ranked.matched).unwrap_or(u32::MAX),
        create: ranked.create,
        engine_us,
    }))
}
