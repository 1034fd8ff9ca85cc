//! CJK line breaking with 禁则.
//!
//! The text is cut into *units* (a grapheme, a run of spaces, a Western word, a —— or ……
//! run), units are glued into *pieces* wherever a break between them is forbidden, and the
//! pieces are laid out greedily. A piece that does not fit moves whole to the next line,
//! which carries the last character(s) of the line down with a forbidden line-start mark
//! (推出). Nothing ever exceeds the width: a piece longer than a whole line is cut at the
//! best grapheme boundary that fits.

use std::ops::Range;

use super::kinsoku::{is_break_space, is_ideograph, is_no_end, is_no_start, is_word_char, pair_class};
use super::width::{char_cols, grapheme_cols, grapheme_indices};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum UnitKind {
    Space,
    Word,
    Pair(u8),
    Other,
}

#[derive(Debug, Clone, Copy)]
struct Unit {
    start: usize,
    end: usize,
    cols: usize,
    kind: UnitKind,
    no_start: bool,
    no_end: bool,
}

/// An unbreakable stretch of text and the (droppable) spaces before it.
#[derive(Debug, Clone, Copy)]
struct Piece {
    space_cols: usize,
    start: usize,
    end: usize,
    cols: usize,
}

fn unit_kind(g: &str) -> UnitKind {
    let c = g.chars().next().unwrap_or(' ');
    // A space carrying a combining mark is a visible character, not a place to break.
    if is_break_space(c) && !g.chars().all(is_break_space) { UnitKind::Other } else { char_kind(c) }
}

fn units(text: &str) -> Vec<Unit> {
    // Mostly one unit per Chinese character (3 bytes).
    let mut out: Vec<Unit> = Vec::with_capacity(text.len() / 3 + 1);
    for (start, g) in grapheme_indices(text) {
        let end = start + g.len();
        let mut chars = g.chars();
        let first = chars.next().unwrap_or(' ');
        // Most graphemes are one character: take its kind and width without going over
        // the grapheme again.
        let (kind, cols, last) = if chars.next().is_none() {
            (char_kind(first), char_unit_cols(first), first)
        } else {
            (unit_kind(g), unit_cols(g), g.chars().next_back().unwrap_or(' '))
        };
        if let Some(prev) = out.last_mut()
            && prev.kind == kind
            && kind != UnitKind::Other
        {
            prev.end = end;
            prev.cols += cols;
            prev.no_end = is_no_end(last);
            continue;
        }
        out.push(Unit { start, end, cols, kind, no_start: is_no_start(first), no_end: is_no_end(last) });
    }
    out
}

/// `unit_kind` of a grapheme that is the one character `c`.
fn char_kind(c: char) -> UnitKind {
    if is_ideograph(c) {
        UnitKind::Other
    } else if is_break_space(c) {
        UnitKind::Space
    } else if is_word_char(c) {
        UnitKind::Word
    } else if let Some(class) = pair_class(c) {
        UnitKind::Pair(class)
    } else {
        UnitKind::Other
    }
}

/// `unit_cols` of a grapheme that is the one character `c`.
fn char_unit_cols(c: char) -> usize {
    match c {
        '\u{3000}' => 2,
        _ if is_break_space(c) => 1,
        _ => char_cols(c),
    }
}

fn pieces(units: &[Unit]) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(units.len());
    let mut current: Option<Piece> = None;
    let mut pending_space: Option<Unit> = None;
    let mut previous: Option<Unit> = None;
    for &unit in units {
        if unit.kind == UnitKind::Space {
            pending_space = Some(unit);
            continue;
        }
        let space = pending_space.take();
        match (current.as_mut(), previous) {
            (Some(piece), Some(prev)) => {
                if unit.no_start || prev.no_end {
                    piece.end = unit.end;
                    piece.cols += space.map_or(0, |s| s.cols) + unit.cols;
                } else {
                    out.push(*piece);
                    current = Some(Piece {
                        space_cols: space.map_or(0, |s| s.cols),
                        start: unit.start,
                        end: unit.end,
                        cols: unit.cols,
                    });
                }
            }
            _ => {
                current = Some(Piece { space_cols: 0, start: unit.start, end: unit.end, cols: unit.cols });
            }
        }
        previous = Some(unit);
    }
    out.extend(current);
    out
}

/// Break `text` into lines of at most `width` columns. The first line is `first_indent`
/// columns narrower, the others `rest_indent` narrower (the caller prints the indent).
/// Returns byte ranges into `text`; what lies between two ranges is only spaces dropped
/// at the break.
pub fn break_lines(text: &str, width: usize, first_indent: usize, rest_indent: usize) -> Vec<Range<usize>> {
    let units = units(text);
    let mut lines: Vec<Range<usize>> = Vec::new();
    let mut line: Option<(usize, usize, usize)> = None; // start, end, cols
    let avail = |n: usize| width.saturating_sub(if n == 0 { first_indent } else { rest_indent });
    for piece in pieces(&units) {
        if let Some((start, end, cols)) = line {
            if cols + piece.space_cols + piece.cols <= avail(lines.len()) {
                line = Some((start, piece.end, cols + piece.space_cols + piece.cols));
                continue;
            }
            lines.push(start..end);
        }
        // The piece begins a line; cut it while it is wider than a whole line.
        let mut start = piece.start;
        let mut cols = piece.cols;
        while cols > avail(lines.len()) {
            let (cut, cut_cols) = best_cut(text, start..piece.end, avail(lines.len()));
            lines.push(start..cut);
            start = cut;
            cols -= cut_cols;
        }
        line = Some((start, piece.end, cols));
    }
    lines.extend(line.map(|(start, end, _)| start..end));
    lines
}

/// Where to cut an over-long piece so that its head fits in `avail` columns. Every
/// boundary that fits is ranked by what a cut there would break (see [`cut_badness`]); the
/// least bad wins, the later of equals (fuller line). A line holds at least one grapheme.
/// Returns the cut and the head's columns.
fn best_cut(text: &str, range: Range<usize>, avail: usize) -> (usize, usize) {
    let graphemes: Vec<(usize, &str)> =
        grapheme_indices(&text[range.clone()]).map(|(offset, g)| (range.start + offset, g)).collect();
    let mut best: Option<(u8, usize, usize)> = None; // badness, cut, cols
    let mut cols = 0;
    for (k, &(at, g)) in graphemes.iter().enumerate() {
        if k > 0 {
            let badness = cut_badness(&graphemes, k);
            if best.is_none_or(|(b, _, _)| badness <= b) {
                best = Some((badness, at, cols));
            }
        }
        let w = unit_cols(g);
        if cols + w > avail {
            if k == 0 {
                return (at + g.len(), w);
            }
            break;
        }
        cols += w;
    }
    best.map_or((range.end, cols), |(_, cut, cols)| (cut, cols))
}

/// How bad a cut before grapheme `k` is: 0 breaks no rule; 1 starts a line with a whole
/// —— or …… (clreq allows it; we avoid it when we can); 2 splits a Western word that,
/// with the marks glued to it, is wider than a line; 3 breaks a line-start or line-end
/// rule (a line opening with ， is the worse sight on paper); 4 splits a —— or …… pair.
fn cut_badness(graphemes: &[(usize, &str)], k: usize) -> u8 {
    let last = |g: &str| g.chars().next_back().unwrap_or(' ');
    let first = |g: &str| g.chars().next().unwrap_or(' ');
    let (b, a) = (last(graphemes[k - 1].1), first(graphemes[k].1));
    let pair = |c: char| pair_class(c);
    if pair(b).is_some() && pair(b) == pair(a) {
        // Inside a run of several pairs (————), a cut between two pairs is a line that
        // starts with a whole pair.
        let run_before = graphemes[..k].iter().rev().take_while(|&&(_, g)| pair(first(g)) == pair(a)).count();
        return if run_before % 2 == 0 { 1 } else { 4 };
    }
    if is_word_char(b) && is_word_char(a) {
        return 2;
    }
    if is_break_space(a) || is_break_space(b) || is_no_end(b) {
        return 3;
    }
    let whole_pair_follows =
        graphemes.get(k + 1).is_some_and(|&(_, g)| pair(first(g)).is_some() && pair(first(g)) == pair(a));
    match (is_no_start(a), pair(a).is_some() && whole_pair_follows) {
        (false, _) => 0,
        (true, true) => 1,
        (true, false) => 3,
    }
}

/// Columns of one grapheme as the breaker counts them: an ideographic space is one 字,
/// any other space (tab included) one column.
fn unit_cols(g: &str) -> usize {
    match g.chars().next() {
        Some(c) if c == '\u{3000}' || is_break_space(c) => char_unit_cols(c),
        _ => grapheme_cols(g),
    }
}

/// Columns of the first piece of `text` that no break may split (a word, a character with
/// the marks glued to it). A greedy breaker moves a line's first piece down only when it
/// does not fit at the end of the line before.
pub fn first_piece_cols(text: &str) -> usize {
    let units = units(text);
    pieces(&units).first().map_or(0, |p| p.cols)
}

/// Lines of `text` at `width` columns, as owned strings without indents.
pub fn wrap(text: &str, width: usize, first_indent: usize, rest_indent: usize) -> Vec<String> {
    break_lines(text, width, first_indent, rest_indent)
        .into_iter()
        .map(|r| text[r].trim_end().to_string())
        .collect()
}

/// Like [`wrap`], but for a centred headline: the same number of lines as a greedy break,
/// with the lines as even as possible (a 30-字 headline at 28 becomes 15 + 15, not 28 + 2).
pub fn wrap_balanced(text: &str, width: usize) -> Vec<String> {
    let greedy = break_lines(text, width, 0, 0);
    if greedy.len() < 2 {
        return wrap(text, width, 0, 0);
    }
    let total: usize = super::width::str_cols(text);
    let lower = total.div_ceil(greedy.len()).min(width);
    for w in lower..width {
        let lines = break_lines(text, w, 0, 0);
        if lines.len() == greedy.len() {
            return lines.into_iter().map(|r| text[r].trim_end().to_string()).collect();
        }
    }
    wrap(text, width, 0, 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::width::str_cols;

    fn lines(text: &str, width_zi: usize) -> Vec<String> {
        wrap(text, width_zi * 2, 0, 0)
    }

    #[test]
    fn fills_lines_to_the_width() {
        let text = "一二三四五六七八九十一二三四五六七八九十";
        assert_eq!(lines(text, 8), ["一二三四五六七八", "九十一二三四五六", "七八九十"]);
    }

    #[test]
    fn a_comma_never_starts_a_line() {
        // 8 字 per line: the comma would be the 9th; carry 八 down with it.
        let out = lines("一二三四五六七八，九十", 8);
        assert_eq!(out, ["一二三四五六七", "八，九十"]);
    }

    #[test]
    fn a_chain_of_closing_marks_is_carried_down_together() {
        let out = lines("一二三四五六七“八”。九十", 8);
        assert_eq!(out, ["一二三四五六七", "“八”。九十"]);
    }

    #[test]
    fn an_opening_quote_never_ends_a_line() {
        let out = lines("一二三四五六七“八九”十", 8);
        assert_eq!(out, ["一二三四五六七", "“八九”十"]);
    }

    #[test]
    fn dash_and_ellipsis_pairs_stay_whole() {
        let out = lines("一二三四五六七——八九", 8);
        assert_eq!(out, ["一二三四五六", "七——八九"]);
        let out = lines("一二三四五六七……八九", 8);
        assert_eq!(out, ["一二三四五六", "七……八九"]);
    }

    #[test]
    fn ascii_runs_are_not_broken() {
        let out = lines("一二三四五六CUBE-Net平台", 8);
        assert_eq!(out, ["一二三四五六", "CUBE-Net平台"]);
    }

    #[test]
    fn break_at_a_space_drops_it() {
        let text = "abcd efgh ijkl";
        let r = break_lines(text, 9, 0, 0);
        assert_eq!(r.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>(), ["abcd efgh", "ijkl"]);
    }

    #[test]
    fn a_run_longer_than_a_line_is_cut_to_fit() {
        let out = lines("见https://www.example.org/very/long/path/index.html", 8);
        assert!(out.iter().all(|l| str_cols(l) <= 16), "{out:?}");
        assert_eq!(out.concat(), "见https://www.example.org/very/long/path/index.html");
    }

    #[test]
    fn indents_narrow_the_lines() {
        let out = wrap("一二三四五六七八九十一二", 16, 4, 0);
        assert_eq!(out, ["一二三四五六", "七八九十一二"]);
    }

    #[test]
    fn balanced_headline_halves() {
        let text = "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十";
        assert_eq!(
            wrap_balanced(text, 56),
            ["一二三四五六七八九十一二三四五", "六七八九十一二三四五六七八九十"]
        );
    }

    #[test]
    fn no_progress_trap_with_tiny_width() {
        let out = lines("，，，，，，", 1);
        assert_eq!(out.concat(), "，，，，，，");
    }
}
