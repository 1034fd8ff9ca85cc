//! Bytes → text: UTF-8 (with or without BOM), UTF-16 LE/BE with BOM, and, when the bytes
//! are not UTF-8, GB18030 (a superset of GBK and GB2312) when a detector finds Chinese.
//! Anything else is refused — nothing is imported half-decoded.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, GB18030};
use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DecodeError {
    #[error("it is empty")]
    Empty,
    #[error("it holds binary data, not text")]
    Binary,
    #[error("its {0} text has bytes that are not valid in that encoding")]
    Malformed(&'static str),
    #[error("its encoding is neither UTF-8, UTF-16 nor GB18030/GBK (it looks like {0})")]
    Unsupported(&'static str),
}

impl DecodeError {
    /// Why, in `lang` (English is the `Display` text).
    pub fn say(&self, lang: crate::lang::Lang) -> String {
        match lang {
            crate::lang::Lang::En => self.to_string(),
            crate::lang::Lang::Zh => match self {
                DecodeError::Empty => "文件是空的".to_string(),
                DecodeError::Binary => "这是二进制数据，不是文字".to_string(),
                DecodeError::Malformed(enc) => format!("按 {enc} 编码读取时有无效的字节"),
                DecodeError::Unsupported(enc) => {
                    format!("编码既不是 UTF-8、UTF-16，也不是 GB18030/GBK（看起来像 {enc}）")
                }
            },
        }
    }
}

/// The encoding a text was found in, by name (`UTF-8`, `UTF-16LE`, `gb18030`).
pub type EncodingName = &'static str;

/// Decode `bytes` as text; the encoding found and the text (without BOM).
pub fn decode(bytes: &[u8]) -> Result<(EncodingName, String), DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return whole(encoding, &bytes[bom..]);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return if looks_binary(text) { Err(DecodeError::Binary) } else { Ok(("UTF-8", text.to_string())) };
    }
    if bytes.contains(&0) {
        // UTF-16 without a BOM is not guessed: the bytes are refused as binary.
        return Err(DecodeError::Binary);
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(Some(b"cn"), Utf8Detection::Deny);
    if guess == GB18030 || guess.name() == "GBK" || guess.name() == "gb18030" {
        return whole(GB18030, bytes);
    }
    Err(DecodeError::Unsupported(guess.name()))
}

fn whole(encoding: &'static Encoding, bytes: &[u8]) -> Result<(EncodingName, String), DecodeError> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(DecodeError::Malformed(encoding.name()));
    }
    if looks_binary(&text) {
        return Err(DecodeError::Binary);
    }
    Ok((encoding.name(), text.into_owned()))
}

/// NUL bytes, or many control characters: not a text file.
fn looks_binary(text: &str) -> bool {
    let controls =
        text.chars().filter(|&c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')).count();
    text.contains('\0') || controls * 20 > text.chars().count().max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{UTF_16BE, UTF_16LE};

    const TEXT: &str = "江州市科协召开2027年重点工作谋划会\n11月16日，会议在江州科学会堂举行。\n";

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode(TEXT.as_bytes()).unwrap(), ("UTF-8", TEXT.to_string()));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(TEXT.as_bytes());
        assert_eq!(decode(&bom).unwrap().1, TEXT);
    }

    #[test]
    fn utf16_with_a_bom_both_ways() {
        for (encoding, bom) in [(UTF_16LE, [0xFF, 0xFE]), (UTF_16BE, [0xFE, 0xFF])] {
            let mut bytes = bom.to_vec();
            for unit in TEXT.encode_utf16() {
                let b = if encoding == UTF_16LE { unit.to_le_bytes() } else { unit.to_be_bytes() };
                bytes.extend_from_slice(&b);
            }
            assert_eq!(decode(&bytes).unwrap().1, TEXT);
        }
    }

    #[test]
    fn gbk_is_detected() {
        let (bytes, _, _) = GB18030.encode(TEXT);
        assert!(std::str::from_utf8(&bytes).is_err());
        assert_eq!(decode(&bytes).unwrap().1, TEXT);
    }

    #[test]
    fn a_lone_surrogate_in_utf16_is_refused() {
        let bytes = [0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00];
        assert_eq!(decode(&bytes), Err(DecodeError::Malformed("UTF-16LE")));
    }

    #[test]
    fn binary_and_empty_are_refused() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b"PK\x03\x04\x00\x00binary"), Err(DecodeError::Binary));
        assert!(decode(&[0x80, 0x81, 0xFF, 0xFE, 0x00, 0x01]).is_err());
    }
}
