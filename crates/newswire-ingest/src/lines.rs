//! The wire-text reader: every non-blank line is one block, its stray spaces removed.

use crate::diag::{Pos, to_u32};
use crate::draft::{Hint, RawBlock, blocks_room};
use crate::text::{clean_line, split_lines};

/// The blocks of wire text `text`, whose first line is line `first_line` of the file.
pub(crate) fn wire_blocks(text: &str, first_line: u32) -> Vec<RawBlock> {
    let mut blocks = Vec::with_capacity(blocks_room(text));
    blocks.extend(split_lines(text).enumerate().filter_map(|(i, raw)| {
        let clean = clean_line(raw)?;
        let line = first_line.saturating_add(to_u32(i));
        Some(RawBlock {
            pos: Pos::new(line, clean.column, clean.length),
            text: clean.text,
            chars: clean.length,
            hint: Hint::Infer,
        })
    }));
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(text: &str, first_line: u32, expect: &[(u32, u32, &str)]) {
        let got: Vec<(u32, u32, String)> = wire_blocks(text, first_line)
            .into_iter()
            .map(|b| (b.pos.line, b.pos.column, b.text))
            .collect();
        let expect: Vec<(u32, u32, String)> = expect
            .iter()
            .map(|(l, c, t)| (*l, *c, (*t).to_owned()))
            .collect();
        assert_eq!(got, expect, "{text:?}");
    }

    #[test]
    fn blocks() {
        check("", 1, &[]);
        check("\n\n  \n", 1, &[]);
        check(
            "one\n\n  two  words \n\tthree",
            4,
            &[(4, 1, "one"), (6, 3, "two words"), (7, 2, "three")],
        );
    }
}
