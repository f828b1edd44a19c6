//! The quick switcher's command body: the vault's files ranked in Rust
//! (`rhizome_query::switcher`), not in the webview, so a keystroke over
//! 100k titles, aliases and paths costs milliseconds and never blocks the
//! window. The prepared index is kept per session, built when the vault
//! opens, and brought up to date on the next query with the paths the
//! engine's batches touched since. A query that a newer one superseded
//! stops early and answers `None`.

use crate::dto::EntryKindDto;
use crate::error::IpcResult;
use crate::state::{AppState, Session};
use crate::switch_dto::{QuickSwitchDto, QuickSwitchRowDto, SwitchFieldDto};
use rhizome_core::FileKind;
use rhizome_query::switcher::SwitcherIndex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// Default and maximum rows of one answer.
pub const SWITCH_LIMIT: u32 = 50;
pub const SWITCH_LIMIT_MAX: u32 = 500;

/// A session's switcher: the prepared index with the engine mark it is
/// current with, and the number of the newest query.
#[derive(Default)]
pub struct SwitcherCache {
    built: Mutex<Option<(u64, Arc<SwitcherIndex>)>>,
    newest: AtomicU64,
}

impl SwitcherCache {
    /// The index brought up to the engine's batches after its mark: updated
    /// with the paths they touched, or built anew when the log no longer
    /// holds them all.
    fn index(&self, state: &AppState, session: &Session) -> Arc<SwitcherIndex> {
        let mut built = self.built.lock().unwrap_or_else(|p| p.into_inner());
        let mark = state.applied_mark();
        match built.as_mut() {
            Some((at, index)) if *at == mark => return index.clone(),
            Some((at, index)) => {
                if let Some(touched) = state.touched_since(session.generation, *at) {
                    Arc::make_mut(index).update(session.vault().index(), &touched);
                    *at = mark;
                    return index.clone();
                }
            }
            None => {}
        }
        let index = Arc::new(SwitcherIndex::build(session.vault().index()));
        *built = Some((mark, index.clone()));
        index
    }

    /// Builds the index now if it is not built, so that the first Ctrl+O
    /// does not wait for it (run after a vault opens).
    pub fn warm(&self, state: &AppState, session: &Session) {
        self.index(state, session);
    }
}

/// Ranks the vault's files for `query`; `None` when a newer query came in
/// while this one ran.
pub fn quick_switch(
    state: &AppState,
    session: &Session,
    query: &str,
    limit: Option<u32>,
) -> IpcResult<Option<QuickSwitchDto>> {
    let cache = session.switcher();
    let mine = cache.newest.fetch_add(1, Ordering::SeqCst) + 1;
    let superseded = || cache.newest.load(Ordering::Relaxed) != mine;
    let index = cache.index(state, session);
    let started = Instant::now();
    let limit = limit.unwrap_or(SWITCH_LIMIT).min(SWITCH_LIMIT_MAX) as usize;
    let Some(ranked) = index.rank(query, limit, &superseded) else { return Ok(None) };
    let engine_us = u32::try_from(started.elapsed().as_micros()).unwrap_or(u32::MAX);
    let rows = ranked
        .rows
        .into_iter()
        .map(|row| {
            let item = &row.item;
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
