//! Duplicates: a submission already in the pool or in an issue of the workspace — the same
//! headline, or a body at least 90 % the same — is found before it is taken in twice (a
//! unit sends the same news to two addresses; the editor drops a file in twice).
//!
//! "The same" for bodies is the Sørensen–Dice coefficient of the two texts' character
//! bigrams, whitespace and punctuation left out, so a re-wrapped or re-punctuated copy is
//! still the same text and one with a paragraph added is not. Candidates come from a
//! bottom-k sketch of each body (the 16 smallest bigram hashes), so a thousand files
//! against a thousand items is not a million comparisons.

use std::collections::HashMap;

use crate::lang::Lang;
use crate::model::Item;

/// How alike two bodies must be to be the same item.
pub const SAME_BODY: f64 = 0.9;

/// How many bigram hashes stand for a body in the index.
const SKETCH: usize = 16;

/// How many of them a body must share with another to be compared with it.
const MIN_SHARED: usize = 8;

/// Where an item already is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    Pool,
    /// An issue of the workspace, the item's position in it (from 1).
    Issue {
        year: u16,
        number: u32,
        position: usize,
    },
    /// Taken in earlier in the same import, from this file.
    Imported {
        file: String,
    },
}

impl Place {
    /// Where, in `lang`: "稿件池", "2026年第45期第3条".
    pub fn say(&self, lang: Lang) -> String {
        match (lang, self) {
            (Lang::Zh, Place::Pool) => "稿件池".to_string(),
            (Lang::Zh, Place::Issue { year, number, position }) => {
                format!("{year}年第{number}期第{position}条")
            }
            (Lang::Zh, Place::Imported { file }) => format!("本次导入的 {file}"),
            (Lang::En, Place::Pool) => "the pool".to_string(),
            (Lang::En, Place::Issue { year, number, position }) => {
                format!("issue {number} of {year}, item {position}")
            }
            (Lang::En, Place::Imported { file }) => format!("{file}, imported just now"),
        }
    }
}

/// An item found to be there already.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    /// The new item's position in its file (from 1).
    pub index: usize,
    pub headline: String,
    /// The item that is there, and where.
    pub existing: String,
    pub place: Place,
    /// Same headline (else: the body is the same).
    pub same_headline: bool,
}

impl Duplicate {
    /// One clause, in `lang`: "第2条与稿件池中的“…”重复".
    pub fn say(&self, lang: Lang) -> String {
        let existing = self.existing.replace('\n', "");
        match lang {
            Lang::Zh => {
                let how = if self.same_headline { "标题相同" } else { "正文相同" };
                format!("第{}条与{}的“{existing}”{how}", self.index, self.place.say(lang))
            }
            Lang::En => {
                let how = if self.same_headline { "the same headline" } else { "the same body" };
                format!("item {} has {how} as “{existing}” in {}", self.index, self.place.say(lang))
            }
        }
    }
}

struct Entry {
    headline: String,
    bigrams: Bigrams,
    size: u32,
    place: Place,
}

/// The items that are there, to look new ones up in.
#[derive(Default)]
pub struct Known {
    entries: Vec<Entry>,
    by_headline: HashMap<String, usize>,
    by_sketch: HashMap<u64, Vec<usize>>,
}

/// A headline as compared: without whitespace or line breaks.
fn headline_key(headline: &str) -> String {
    headline.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The text as compared: letters, digits and CJK only.
fn letters(text: &str) -> Vec<char> {
    text.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// A pair of characters as one number, mixed so that the smallest numbers of a text are
/// a fair sample of its pairs (the sketch).
fn pair(a: char, b: char) -> u64 {
    ((u64::from(a) << 32) | u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(29)
}

/// A text's character pairs with their counts, in the order of their numbers.
type Bigrams = Vec<(u64, u32)>;

fn bigrams(text: &str) -> (Bigrams, u32) {
    let chars = letters(text);
    let mut pairs: Vec<u64> = chars.windows(2).map(|w| pair(w[0], w[1])).collect();
    pairs.sort_unstable();
    let mut counts: Bigrams = Vec::with_capacity(pairs.len());
    for p in pairs {
        match counts.last_mut() {
            Some((q, n)) if *q == p => *n += 1,
            _ => counts.push((p, 1)),
        }
    }
    let size = chars.len().saturating_sub(1) as u32;
    (counts, size)
}

fn sketch(bigrams: &Bigrams) -> Vec<u64> {
    bigrams.iter().take(SKETCH).map(|&(k, _)| k).collect()
}

/// How alike two texts are, 0 to 1: the Dice coefficient of their bigram multisets.
pub fn similarity(a: &str, b: &str) -> f64 {
    let (a, na) = bigrams(a);
    let (b, nb) = bigrams(b);
    dice(&a, na, &b, nb)
}

fn dice(a: &Bigrams, na: u32, b: &Bigrams, nb: u32) -> f64 {
    if na + nb == 0 {
        return 1.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0u32);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += a[i].1.min(b[j].1);
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * f64::from(shared) / f64::from(na + nb)
}

impl Known {
    pub fn new() -> Known {
        Known::default()
    }

    /// Remember `item`, found at `place`.
    pub fn add(&mut self, item: &Item, place: Place) {
        let index = self.entries.len();
        let key = headline_key(&item.headline);
        if !key.is_empty() {
            self.by_headline.entry(key).or_insert(index);
        }
        let (counts, size) = bigrams(&item.body);
        // A body of a few characters says nothing: only the headline tells.
        if size >= 8 {
            for h in sketch(&counts) {
                self.by_sketch.entry(h).or_default().push(index);
            }
        }
        self.entries.push(Entry { headline: item.headline.clone(), bigrams: counts, size, place });
    }

    /// The item `item` repeats, if any: the same headline first, else the most alike body
    /// at least `SAME_BODY` alike.
    pub fn find(&self, item: &Item) -> Option<(&str, &Place, bool)> {
        let key = headline_key(&item.headline);
        if let Some(&i) = self.by_headline.get(&key).filter(|_| !key.is_empty()) {
            let e = &self.entries[i];
            return Some((&e.headline, &e.place, true));
        }
        let (counts, size) = bigrams(&item.body);
        if size < 8 {
            return None;
        }
        // A body 90 % the same shares most of its sketch (about 13 of 16 hashes; 8 asked); one that
        // only shares the genre's common pairs (科协, 工作) shares a few.
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for i in sketch(&counts).iter().filter_map(|h| self.by_sketch.get(h)).flatten() {
            *shared.entry(*i).or_insert(0) += 1;
        }
        let candidates = shared.into_iter().filter(|&(_, n)| n >= MIN_SHARED).map(|(i, _)| i);
        let mut best: Option<(f64, usize)> = None;
        for i in candidates {
            let e = &self.entries[i];
            // Dice ≥ 0.9 cannot hold when one text is much longer than the other.
            let (lo, hi) = (size.min(e.size), size.max(e.size));
            if f64::from(lo) * (2.0 - SAME_BODY) < SAME_BODY * f64::from(hi) {
                continue;
            }
            let d = dice(&counts, size, &e.bigrams, e.size);
            if d >= SAME_BODY && best.is_none_or(|(b, _)| d > b) {
                best = Some((d, i));
            }
        }
        best.map(|(_, i)| {
            let e = &self.entries[i];
            (e.headline.as_str(), &e.place, false)
        })
    }

    /// `find` as a `Duplicate` for the item at `index` (from 1) of its file.
    pub fn duplicate(&self, index: usize, item: &Item) -> Option<Duplicate> {
        self.find(item).map(|(existing, place, same_headline)| Duplicate {
            index,
            headline: item.headline.clone(),
            existing: existing.to_string(),
            place: place.clone(),
            same_headline,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(headline: &str, body: &str) -> Item {
        let mut item = Item::new("2026-11-20-a", headline);
        item.body = body.into();
        item
    }

    const BODY: &str = "11月19日，东湖镇科协联合镇供电所在镇科普e站开展冬季安全用电宣传活动。\n工作人员通过展板讲解、实物演示和有奖问答等方式，向村民普及电热毯、取暖器的安全使用知识，现场发放宣传资料500余份。";

    #[test]
    fn the_same_headline_is_a_duplicate_whatever_the_body() {
        let mut known = Known::new();
        known.add(&item("东湖镇科普e站开展冬季安全用电宣传", BODY), Place::Pool);
        let (existing, place, same) =
            known.find(&item("东湖镇科普e站开展冬季安全 用电宣传", "另一段。")).unwrap();
        assert_eq!((existing, place, same), ("东湖镇科普e站开展冬季安全用电宣传", &Place::Pool, true));
        assert!(
            known
                .find(&item("东湖镇开展冬季安全用电宣传", "另一段完全不同的正文，讲的是别的事情。"))
                .is_none()
        );
    }

    #[test]
    fn a_body_rewrapped_or_repunctuated_is_the_same_and_one_with_more_text_is_not() {
        let mut known = Known::new();
        let place = Place::Issue { year: 2026, number: 45, position: 3 };
        known.add(&item("东湖镇科普e站开展冬季安全用电宣传", BODY), place.clone());
        let rewrapped = BODY.replace('\n', "").replace("，", ", ");
        assert_eq!(known.find(&item("冬季安全用电宣传进村入户", &rewrapped)).map(|f| f.1), Some(&place));
        // One sentence changed of two: still more than 90 % the same.
        let edited = BODY.replace("500余份", "600余份");
        assert!(similarity(BODY, &edited) > 0.95);
        assert!(known.find(&item("另拟的标题", &edited)).is_some());
        // A second paragraph as long again: not the same item.
        let longer = format!(
            "{BODY}\n活动期间，镇科协还组织志愿者入户检查老旧线路，排查隐患23处，并为独居老人更换了漏电保护器。"
        );
        assert!(similarity(BODY, &longer) < SAME_BODY);
        assert!(known.find(&item("另拟的标题", &longer)).is_none());
    }

    #[test]
    fn similarity_is_symmetric_and_one_for_equal_texts() {
        assert_eq!(similarity(BODY, BODY), 1.0);
        let other = "云溪区科协召开基层科协组织建设推进会，部署下一阶段工作。";
        assert_eq!(similarity(BODY, other), similarity(other, BODY));
        assert!(similarity(BODY, other) < 0.3);
    }

    #[test]
    fn places_are_said_in_both_languages() {
        let d = Duplicate {
            index: 2,
            headline: "新".into(),
            existing: "市科协召开\n全委会".into(),
            place: Place::Issue { year: 2026, number: 45, position: 3 },
            same_headline: false,
        };
        assert_eq!(d.say(Lang::Zh), "第2条与2026年第45期第3条的“市科协召开全委会”正文相同");
        assert_eq!(
            d.say(Lang::En),
            "item 2 has the same body as “市科协召开全委会” in issue 45 of 2026, item 3"
        );
    }
}
