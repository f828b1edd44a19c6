//! Every file's lower-cased path in one string (`\n` around each), so a
//! `file:` or `path:` literal ignoring case is one `memmem` pass over a few
//! megabytes instead of a search in each of 100k short strings. Made when a
//! query first needs it after a change, like the sort orders.

use crate::search::text::fold;
use memchr::memmem;
use roaring::RoaringBitmap;

pub struct PathIndex {
    text: String,
    /// Where each path starts in `text`, in order.
    starts: Vec<u32>,
    /// Where each path's file name starts in `text`.
    names: Vec<u32>,
    /// The file id of each path.
    ids: Vec<u32>,
}

impl PathIndex {
    /// An index of `paths` (file id, vault path).
    pub fn new<'a>(paths: impl Iterator<Item = (u32, &'a str)>) -> PathIndex {
        let mut index = PathIndex { text: String::from("\n"), starts: Vec::new(), names: Vec::new(), ids: Vec::new() };
        for (id, path) in paths {
            let start = index.text.len();
            let folder = path.rfind('/').map_or("", |i| &path[..=i]);
            index.starts.push(start as u32);
            index.names.push((start + fold(folder).len()) as u32);
            index.ids.push(id);
            index.text.push_str(&fold(path));
            index.text.push('\n');
        }
        index
    }

    /// The files whose lower-cased path (or, `name_only`, file name)
    /// contains `folded` (lower case, not empty, without `\n`).
    pub fn find(&self, folded: &str, name_only: bool) -> RoaringBitmap {
        let mut out = RoaringBitmap::new();
        for at in memmem::find_iter(self.text.as_bytes(), folded.as_bytes()) {
            let i = self.starts.partition_point(|&s| s as usize <= at).saturating_sub(1);
            if name_only && at < self.names[i] as usize {
                continue;
            }
            out.insert(self.ids[i]);
        }
        out
    }

    pub fn heap_bytes(&self) -> usize {
        self.text.capacity() + (self.starts.capacity() + self.names.capacity() + self.ids.capacity()) * 4
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_in_paths_or_names_ignoring_case() {
        let index = PathIndex::new([(3, "Daily/2024-07-01.md"), (5, "Photos/Cat.JPG"), (9, "cat food.md")].into_iter());
        let found = |needle: &str, name_only| index.find(needle, name_only).iter().collect::<Vec<_>>();
        assert_eq!(found("cat", false), [5, 9]);
        assert_eq!(found(".jpg", true), [5]);
        assert_eq!(found("daily/2024", false), [3]);
        assert_eq!(found("daily", true), Vec::<u32>::new());
        assert_eq!(found("photos/", true), Vec::<u32>::new());
    }
}
