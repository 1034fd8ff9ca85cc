//! Properties of the line breaker over arbitrary mixed CJK / ASCII / punctuation input.

use jianbao::layout::kinsoku::{is_no_end, is_no_start};
use jianbao::layout::{break_lines, str_cols};
use proptest::prelude::*;

/// Arbitrary text: Chinese, ASCII words and symbols, every kind of punctuation, spaces,
/// dash and ellipsis pairs, emoji, combining marks, control characters.
fn any_text() -> impl Strategy<Value = String> {
    let atom = prop_oneof![
        4 => "[\\u4e00-\\u4e2f]{1,6}",
        2 => "[A-Za-z0-9@./:_-]{1,14}",
        2 => "[、，。：；！？“”‘’（）【】《》「」『』〔〕〈〉·‧]",
        1 => Just("——".to_string()),
        1 => Just("……".to_string()),
        1 => "[ \u{3000}\t]{1,3}",
        1 => Just("👩‍🔬".to_string()),
        1 => Just("e\u{301}".to_string()),
        1 => "[\u{0}-\u{1f}]",
    ];
    proptest::collection::vec(atom, 0..60).prop_map(|v| v.concat())
}

/// Text an editor would write: words, each possibly quoted, followed by at most one pause
/// or stop mark — so a layout that respects every rule always exists.
fn prose() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        5 => "[\\u4e00-\\u4e2f]{1,5}",
        1 => "[A-Za-z0-9]{1,6}(-[A-Za-z0-9]{1,4})?",
        1 => "[\\u4e00-\\u4e2f]{1,3}".prop_map(|w| format!("“{w}”")),
        1 => "[\\u4e00-\\u4e2f]{1,3}".prop_map(|w| format!("《{w}》")),
        1 => "[\\u4e00-\\u4e2f]{1,3}".prop_map(|w| format!("（{w}）")),
        1 => Just("——".to_string()),
        1 => Just("……".to_string()),
    ];
    let mark = prop_oneof![4 => Just(""), 1 => Just("，"), 1 => Just("。"), 1 => Just("、"), 1 => Just("；")];
    proptest::collection::vec((word, mark), 1..50)
        .prop_map(|v| v.into_iter().map(|(w, m)| format!("{w}{m}")).collect())
}

fn lines_of(text: &str, width: usize, first: usize, rest: usize) -> Vec<String> {
    break_lines(text, width, first, rest).into_iter().map(|r| text[r].to_string()).collect()
}

proptest! {
    #![proptest_config(crate::common::cases(512))]

    #[test]
    fn no_line_is_wider_than_the_width(text in any_text(), zi in 2usize..40, first in 0usize..3, rest in 0usize..3) {
        let width = zi * 2 + 2;
        let ranges = break_lines(&text, width, first * 2, rest * 2);
        for (k, r) in ranges.iter().enumerate() {
            let indent = if k == 0 { first * 2 } else { rest * 2 };
            let cols = str_cols(text[r.clone()].trim_end());
            prop_assert!(cols + indent <= width, "line {k} {:?} is {cols}+{indent} > {width}", &text[r.clone()]);
        }
    }

    #[test]
    fn joining_the_lines_gives_back_the_input(text in any_text(), zi in 2usize..40) {
        let ranges = break_lines(&text, zi * 2, 0, 0);
        let mut at = 0;
        for r in &ranges {
            prop_assert!(r.start >= at && r.end >= r.start);
            prop_assert!(text[at..r.start].chars().all(char::is_whitespace), "lost {:?}", &text[at..r.start]);
            at = r.end;
        }
        prop_assert!(text[at..].chars().all(char::is_whitespace), "lost tail {:?}", &text[at..]);
        if !text.trim().is_empty() {
            prop_assert!(!ranges.is_empty());
        }
    }

    #[test]
    fn no_forbidden_line_start_or_end(text in prose(), zi in 6usize..40) {
        let lines = lines_of(&text, zi * 2, 4, 0);
        for (k, line) in lines.iter().enumerate() {
            let first = line.chars().next().unwrap();
            let last = line.trim_end().chars().next_back().unwrap();
            // clreq lets a whole —— or …… begin a line; a lone connector — may not.
            let whole_pair = line.starts_with("——") || line.starts_with("……");
            prop_assert!(k == 0 || whole_pair || !is_no_start(first), "line {k} starts with {first}: {lines:?}");
            prop_assert!(k + 1 == lines.len() || !is_no_end(last), "line {k} ends with {last}: {lines:?}");
        }
    }

    #[test]
    fn dash_and_ellipsis_pairs_and_ascii_runs_stay_whole(text in prose(), zi in 6usize..40) {
        let lines = lines_of(&text, zi * 2, 0, 0);
        for pair in lines.windows(2) {
            let (end, start) = (pair[0].chars().next_back().unwrap(), pair[1].chars().next().unwrap());
            // A pair ends a line only whole: count the dashes at the end of the line.
            let trailing = |c: char| pair[0].chars().rev().take_while(|&x| x == c).count();
            prop_assert!(!(end == '—' && start == '—' && trailing('—') % 2 == 1), "—— split: {pair:?}");
            prop_assert!(!(end == '…' && start == '…' && trailing('…') % 2 == 1), "…… split: {pair:?}");
            // A Western word is cut only when it, with the marks that may not be parted
            // from it, is wider than a line.
            let tail: String = pair[0].chars().rev().take_while(char::is_ascii_graphic).collect();
            let head: String = pair[1].chars().take_while(char::is_ascii_graphic).collect();
            if !tail.is_empty() && !head.is_empty() {
                let before: String = pair[0].chars().rev().skip(tail.len()).take_while(|&c| is_no_end(c)).collect();
                let after: String = pair[1].chars().skip(head.len()).take_while(|&c| is_no_start(c)).collect();
                let glued = str_cols(&before) + tail.len() + head.len() + str_cols(&after);
                prop_assert!(glued > zi * 2, "word split: {pair:?}");
            }
        }
    }

    #[test]
    fn lines_are_filled_when_nothing_forbids_it(text in "[\\u4e00-\\u4e2f]{1,200}", zi in 2usize..40) {
        let lines = lines_of(&text, zi * 2, 0, 0);
        for line in &lines[..lines.len() - 1] {
            prop_assert_eq!(str_cols(line), zi * 2);
        }
    }
}
