//! The files in each sort order (file name, modified time, created time),
//! sorted once when the corpus is built and kept sorted as files come and
//! go (a binary search and a shift per change), so a query after an edit
//! never waits for 100k files to be sorted again.

use super::{Entry, Sort};
use crate::search::text::fold;
use rayon::prelude::*;
use std::cmp::Ordering;

#[derive(Default)]
pub struct Orders {
    /// File ids by name, by modified time and by created time, ascending.
    lists: [Vec<u32>; 3],
}

fn slot(sort: Sort) -> usize {
    match sort {
        Sort::FileNameAsc | Sort::FileNameDesc => 0,
        Sort::ModifiedNewest | Sort::ModifiedOldest => 1,
        Sort::CreatedNewest | Sort::CreatedOldest => 2,
    }
}

/// `a` and `b` lower-cased, compared character by character (the order of
/// their `fold`s, without making them).
fn cmp_folded(a: &str, b: &str) -> Ordering {
    if a.is_ascii() && b.is_ascii() {
        return a.bytes().map(|c| c.to_ascii_lowercase()).cmp(b.bytes().map(|c| c.to_ascii_lowercase()));
    }
    a.chars().flat_map(char::to_lowercase).cmp(b.chars().flat_map(char::to_lowercase))
}

/// The order of list `slot`: file name (then path) ignoring case, or a time
/// (then path). Paths are unique, so no two files tie.
fn cmp(slot: usize, a: &Entry, b: &Entry) -> Ordering {
    let (pa, pb) = (a.path.as_str(), b.path.as_str());
    let first = match slot {
        0 => cmp_folded(a.path.file_name(), b.path.file_name()).then_with(|| cmp_folded(pa, pb)),
        1 => a.modified.cmp(&b.modified),
        _ => a.created.cmp(&b.created),
    };
    first.then_with(|| pa.cmp(pb))
}

impl Orders {
    /// The orders of `files` (id `i` is `files[i]`).
    pub fn build(files: &[Option<Entry>]) -> Orders {
        let ids: Vec<u32> = files.iter().enumerate().filter(|(_, e)| e.is_some()).map(|(i, _)| i as u32).collect();
        let entry = |id: u32| files[id as usize].as_ref().expect("listed ids have entries");
        let mut by_name: Vec<((String, String, &str), u32)> = ids
            .par_iter()
            .map(|&id| {
                let path = &entry(id).path;
                ((fold(path.file_name()), fold(path.as_str()), path.as_str()), id)
            })
            .collect();
        by_name.par_sort_unstable();
        let by_time = |slot: usize| {
            let mut keyed: Vec<((i64, &str), u32)> = ids
                .iter()
                .map(|&id| {
                    let e = entry(id);
                    ((if slot == 1 { e.modified } else { e.created }, e.path.as_str()), id)
                })
                .collect();
            keyed.par_sort_unstable();
            keyed.into_iter().map(|(_, id)| id).collect()
        };
        Orders { lists: [by_name.into_iter().map(|(_, id)| id).collect(), by_time(1), by_time(2)] }
    }

    /// File ids in `sort`'s list, ascending (descending orders read it backwards).
    pub fn get(&self, sort: Sort) -> &[u32] {
        &self.lists[slot(sort)]
    }

    /// Adds file `id` (`entry`); `entry_of` gives the entries already listed.
    pub fn insert<'a>(&mut self, id: u32, entry: &Entry, entry_of: impl Fn(u32) -> &'a Entry) {
        for (slot, list) in self.lists.iter_mut().enumerate() {
            let at = list.partition_point(|&other| cmp(slot, entry_of(other), entry) == Ordering::Less);
            list.insert(at, id);
        }
    }

    /// Removes file `id`, listed as `entry`; `entry_of` gives the others.
    pub fn remove<'a>(&mut self, id: u32, entry: &Entry, entry_of: impl Fn(u32) -> &'a Entry) {
        for (slot, list) in self.lists.iter_mut().enumerate() {
            let at = list.partition_point(|&other| other != id && cmp(slot, entry_of(other), entry) == Ordering::Less);
            if list.get(at) == Some(&id) {
                list.remove(at);
            } else if let Some(found) = list.iter().position(|&other| other == id) {
                // Not where its key says (it cannot happen while keys agree): removed anyway.
                list.remove(found);
            }
        }
    }

    pub fn heap_bytes(&self) -> usize {
        self.lists.iter().map(|l| l.capacity() * 4).sum()
    }
}
