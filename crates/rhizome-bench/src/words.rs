//! Fixed vocabularies used by the vault generator.
//!
//! Everything in this module is independent of the user's seed: the word
//! lists are constants and the derived tables (pseudo-words and tags) are
//! built from a fixed internal seed. Only the choices made from these tables
//! depend on the seed, which keeps vaults comparable across seeds.

use rand::{Rng, RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Adjectives used as the first word of note names and aliases.
pub const ADJECTIVES: &[&str] = &[
    "Quiet",
    "Amber",
    "Bright",
    "Hidden",
    "Silver",
    "Hollow",
    "Gentle",
    "Rapid",
    "Golden",
    "Silent",
    "Distant",
    "Crimson",
    "Frozen",
    "Velvet",
    "Ancient",
    "Restless",
    "Shallow",
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Broken",
    "Patient",
    "Curious",
    "Hungry",
    "Lucky",
    "Narrow",
    "Open",
    "Pale",
    "Proud",
    "Scarlet",
    "Steady",
    "Sudden",
    "Tidy",
    "Wandering",
    "Wild",
    "Wise",
    "Young",
    "Early",
    "Late",
    "Bitter",
    "Calm",
    "Clever",
    "Dusty",
    "Eager",
    "Faint",
    "Fierce",
    "Fresh",
    "Grand",
    "Humble",
    "Idle",
    "Jolly",
    "Lively",
    "Lonely",
    "Misty",
    "Noble",
    "Odd",
    "Plain",
    "Quick",
    "Rough",
    "Rustic",
    "Sharp",
    "Shy",
    "Simple",
    "Sleepy",
    "Smooth",
    "Solid",
    "Stormy",
    "Sunny",
    "Swift",
    "Tender",
    "Tiny",
    "Vast",
    "Warm",
    "Windy",
    "Woven",
    "Azure",
    "Cobalt",
    "Copper",
    "Ivory",
];

/// Nouns used as the second (and optional third) word of note names.
pub const NOUNS: &[&str] = &[
    "Harbor",
    "Meadow",
    "River",
    "Lantern",
    "Garden",
    "Forest",
    "Canyon",
    "Island",
    "Valley",
    "Bridge",
    "Tower",
    "Orchard",
    "Compass",
    "Anchor",
    "Beacon",
    "Cellar",
    "Chapel",
    "Cottage",
    "Delta",
    "Engine",
    "Falcon",
    "Fountain",
    "Glacier",
    "Grove",
    "Harvest",
    "Horizon",
    "Journal",
    "Kettle",
    "Ladder",
    "Library",
    "Lighthouse",
    "Market",
    "Mirror",
    "Mountain",
    "Needle",
    "Ocean",
    "Paddock",
    "Pavilion",
    "Pebble",
    "Pier",
    "Prairie",
    "Quarry",
    "Quill",
    "Ribbon",
    "Saddle",
    "Signal",
    "Spindle",
    "Spring",
    "Station",
    "Summit",
    "Tavern",
    "Thicket",
    "Timber",
    "Tunnel",
    "Vessel",
    "Village",
    "Voyage",
    "Window",
    "Workshop",
    "Atlas",
    "Basin",
    "Cairn",
    "Circuit",
    "Cloud",
    "Crater",
    "Dune",
    "Ember",
    "Fjord",
    "Gate",
    "Hearth",
    "Inlet",
    "Keystone",
    "Lagoon",
    "Marsh",
    "Mill",
    "Notebook",
    "Outpost",
    "Parcel",
    "Ridge",
    "Shore",
];

/// Section headings; each note draws a few distinct ones from this list.
pub const HEADINGS: &[&str] = &[
    "Overview",
    "Background",
    "Open Questions",
    "Field Notes",
    "Key Ideas",
    "Summary",
    "References",
    "Next Steps",
    "Decisions",
    "Timeline",
    "Sources",
    "Observations",
    "Counterpoints",
    "Examples",
    "Related Work",
    "Method",
    "Results",
    "Caveats",
    "Glossary",
    "Log",
    "Quotes",
    "Sketches",
    "Action Items",
    "Retrospective",
    "Design",
    "Implementation",
    "Risks",
    "Motivation",
    "Details",
    "Appendix",
    "History",
    "Definitions",
    "Tasks",
    "Reading List",
    "Evidence",
    "Draft",
    "Outline",
    "Scratchpad",
    "Highlights",
    "Takeaways",
];

/// Top-level tag names; nested tags hang below these.
const TAG_PARENTS: &[&str] = &[
    "project", "idea", "reading", "person", "meeting", "daily", "research", "writing", "travel", "health", "finance",
    "recipe", "music", "film", "garden", "code", "design", "review", "question", "archive", "inbox", "someday",
    "learning", "work", "home",
];

/// Second-level tag names combined with the parents above.
const TAG_CHILDREN: &[&str] = &[
    "alpha", "beta", "gamma", "delta", "draft", "done", "active", "paused", "books", "papers", "articles", "weekly",
    "monthly", "ideas", "notes", "rust", "python", "web", "ux", "audio", "summer", "winter", "north", "south", "local",
    "remote", "team", "solo", "urgent", "later", "big", "small", "old", "new", "core", "misc", "open", "closed",
    "2023", "2024",
];

/// Languages written after the opening fence of code blocks.
pub const CODE_LANGS: &[&str] = &["rust", "python", "js", "text", "bash", ""];

/// Identifiers used to build pseudo-code lines inside fenced blocks.
pub const CODE_IDENTS: &[&str] = &[
    "value", "count", "index", "buffer", "node", "edge", "graph", "parse", "render", "cache", "store", "load", "item",
    "items", "result", "config", "path", "name", "link", "token", "state", "update",
];

/// Number of entries in the quantile table used for fast Zipf sampling.
const QUANTILE_BITS: u32 = 16;

/// The fixed tables shared by every worker thread.
pub struct Vocab {
    /// Pseudo-words used for body text, most frequent first.
    pub words: Vec<String>,
    /// Maps a uniform 16-bit number onto a Zipf-distributed word index.
    word_quantiles: Vec<u16>,
    /// Tag vocabulary without the leading `#`, flat tags first.
    pub tags: Vec<String>,
}

impl Vocab {
    /// Builds the vocabulary; the result is identical on every call.
    pub fn new() -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(0x05EE_D0F0_BA5E);
        let words = pseudo_words(&mut rng, 3000);
        let word_quantiles = zipf_quantiles(words.len(), 0.95);
        let mut tags: Vec<String> = TAG_PARENTS.iter().map(|p| (*p).to_string()).collect();
        // Seven children per parent gives 25 + 175 = 200 tags in total.
        for parent in TAG_PARENTS {
            let picks = rand::seq::index::sample(&mut rng, TAG_CHILDREN.len(), 7);
            for child in picks.iter() {
                tags.push(format!("{parent}/{}", TAG_CHILDREN[child]));
            }
        }
        Vocab { words, word_quantiles, tags }
    }

    /// Draws one body word with a Zipf-like frequency profile.
    #[inline]
    pub fn word<R: RngCore>(&self, rng: &mut R) -> &str {
        let slot = (rng.next_u32() >> (32 - QUANTILE_BITS)) as usize;
        &self.words[self.word_quantiles[slot] as usize]
    }

    /// Draws one tag, favouring the first (flat) tags a little.
    pub fn tag<R: Rng>(&self, rng: &mut R) -> &str {
        let u: f64 = rng.random();
        let idx = ((u * u) * self.tags.len() as f64) as usize;
        &self.tags[idx.min(self.tags.len() - 1)]
    }
}

impl Default for Vocab {
    fn default() -> Self {
        Self::new()
    }
}

/// Builds `count` distinct pronounceable pseudo-words from syllables.
fn pseudo_words<R: Rng>(rng: &mut R, count: usize) -> Vec<String> {
    const ONSETS: &[&str] = &[
        "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z", "br", "cr", "dr",
        "fl", "gr", "pl", "st", "tr", "th", "sh", "ch", "qu",
    ];
    const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ea", "ou", "io", "y"];
    const CODAS: &[&str] = &["", "", "", "n", "r", "s", "l", "t", "m", "nd", "st", "rk"];
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(count);
    while out.len() < count {
        // Short words should dominate the frequent end of the list, as in real text.
        let syllables = match out.len() {
            0..=60 => 1,
            61..=800 => rng.random_range(1..=2),
            _ => rng.random_range(2..=4),
        };
        let mut w = String::new();
        for _ in 0..syllables {
            w.push_str(ONSETS[rng.random_range(0..ONSETS.len())]);
            w.push_str(VOWELS[rng.random_range(0..VOWELS.len())]);
        }
        w.push_str(CODAS[rng.random_range(0..CODAS.len())]);
        if seen.insert(w.clone()) {
            out.push(w);
        }
    }
    out
}

/// Builds a lookup table whose uniform sampling yields Zipf(`s`) ranks in `0..n`.
fn zipf_quantiles(n: usize, s: f64) -> Vec<u16> {
    let weights: Vec<f64> = (1..=n).map(|r| (r as f64).powf(-s)).collect();
    let total: f64 = weights.iter().sum();
    let slots = 1usize << QUANTILE_BITS;
    let mut table = Vec::with_capacity(slots);
    let mut cumulative = 0.0;
    let mut rank = 0usize;
    for slot in 0..slots {
        // Each slot takes the rank whose cumulative mass covers the slot's midpoint.
        let target = (slot as f64 + 0.5) / slots as f64 * total;
        while rank < n - 1 && cumulative + weights[rank] < target {
            cumulative += weights[rank];
            rank += 1;
        }
        table.push(rank as u16);
    }
    table
}
