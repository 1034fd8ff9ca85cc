//! Word documents (.docx): the paragraphs of `word/document.xml` in reading order —
//! headings, body text, table cells — with images, deleted text and field codes left out.

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use thiserror::Error;

/// One paragraph of the document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Paragraph {
    pub text: String,
    /// A heading style (Heading 1…, Title, 标题…).
    pub heading: bool,
    /// Centred (as headlines and section titles are).
    pub centred: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DocxError {
    #[error("it is encrypted, or an old .doc file (save it as .docx and try again)")]
    Encrypted,
    #[error("it is not a readable .docx file ({0})")]
    Corrupt(String),
    #[error("it is a zip archive but not a Word document (no word/document.xml)")]
    NotWord,
    #[error("its document is larger than {} MB", LIMIT >> 20)]
    TooLarge,
}

impl DocxError {
    /// Why, in `lang` (English is the `Display` text).
    pub fn say(&self, lang: crate::lang::Lang) -> String {
        match lang {
            crate::lang::Lang::En => self.to_string(),
            crate::lang::Lang::Zh => match self {
                DocxError::Encrypted => "文件已加密，或是旧的 .doc 格式（请另存为 .docx 后再试）".to_string(),
                DocxError::Corrupt(_) => "不是可以读取的 .docx 文件（文件已损坏）".to_string(),
                DocxError::NotWord => {
                    "这是 zip 压缩包，但不是 Word 文档（没有 word/document.xml）".to_string()
                }
                DocxError::TooLarge => format!("文档超过 {} MB", LIMIT >> 20),
            },
        }
    }
}

/// Most text a document may hold (uncompressed XML); guards against zip bombs.
const LIMIT: u64 = 256 << 20;

/// Whether the bytes are a zip archive (a .docx) by their first bytes.
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// Whether the bytes are an OLE compound file: an encrypted .docx or a legacy .doc.
pub fn is_ole(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

pub fn read(bytes: &[u8]) -> Result<Vec<Paragraph>, DocxError> {
    if is_ole(bytes) {
        return Err(DocxError::Encrypted);
    }
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| DocxError::Corrupt(e.to_string()))?;
    let file = archive.by_name("word/document.xml").map_err(|e| match e {
        zip::result::ZipError::FileNotFound => DocxError::NotWord,
        other => DocxError::Corrupt(other.to_string()),
    })?;
    let mut xml = String::new();
    file.take(LIMIT + 1).read_to_string(&mut xml).map_err(|e| DocxError::Corrupt(e.to_string()))?;
    if xml.len() as u64 > LIMIT {
        return Err(DocxError::TooLarge);
    }
    paragraphs(&xml)
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

/// The paragraphs of a `document.xml`.
pub fn paragraphs(xml: &str) -> Result<Vec<Paragraph>, DocxError> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    let mut current: Option<Paragraph> = None;
    let mut in_text = false;
    let mut skip_depth = 0usize; // inside deleted text, field codes, drawings
    loop {
        let event = reader.read_event().map_err(|e| DocxError::Corrupt(e.to_string()))?;
        match event {
            Event::Start(e) => {
                let name = e.local_name();
                match name.as_ref() {
                    "p" => current = Some(Paragraph::default()),
                    "t" => in_text = skip_depth == 0,
                    "delText" | "instrText" | "drawing" | "pict" | "object" => skip_depth += 1,
                    _ => {}
                }
            }
            Event::Empty(e) => {
                let name = e.local_name();
                if let Some(p) = current.as_mut() {
                    match name.as_ref() {
                        "pStyle" => {
                            let style = attr(&e, "val").unwrap_or_default().to_lowercase();
                            if style.starts_with("heading") || style == "title" || style.starts_with("标题")
                            {
                                p.heading = true;
                            }
                        }
                        "jc" => p.centred = matches!(attr(&e, "val").as_deref(), Some("center")),
                        "tab" if skip_depth == 0 => p.text.push('\t'),
                        "br" | "cr" if skip_depth == 0 => p.text.push('\n'),
                        _ => {}
                    }
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "p" => {
                    if let Some(p) = current.take() {
                        out.push(p);
                    }
                }
                "t" => in_text = false,
                "delText" | "instrText" | "drawing" | "pict" | "object" => {
                    skip_depth = skip_depth.saturating_sub(1)
                }
                _ => {}
            },
            Event::Text(t) if in_text => {
                if let Some(p) = current.as_mut() {
                    p.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) if in_text => {
                if let Some(p) = current.as_mut() {
                    let entity = format!("&{};", r.xml10_content());
                    if let Ok(text) = quick_xml::escape::unescape(&entity) {
                        p.text.push_str(&text);
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_styles_tables_and_entities() {
        let xml = r#"<?xml version="1.0"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:jc w:val="center"/></w:pPr><w:r><w:t>江州市科协召开座谈会</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">11月20日，会议</w:t></w:r><w:r><w:t>举行。A&amp;B</w:t></w:r><w:del><w:r><w:delText>删掉的</w:delText></w:r></w:del></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>单元格</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:drawing><w:t>图片说明</w:t></w:drawing></w:r></w:p>
</w:body></w:document>"#;
        let ps = paragraphs(xml).unwrap();
        assert_eq!(ps.len(), 4);
        assert!(ps[0].heading && ps[0].centred);
        assert_eq!(ps[0].text, "江州市科协召开座谈会");
        assert_eq!(ps[1].text, "11月20日，会议举行。A&B");
        assert_eq!(ps[2].text, "单元格");
        assert_eq!(ps[3].text, "", "drawings are ignored");
    }

    #[test]
    fn corrupt_and_encrypted_are_refused() {
        assert_eq!(read(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]), Err(DocxError::Encrypted));
        assert!(matches!(read(b"PK\x03\x04garbage"), Err(DocxError::Corrupt(_))));
    }
}
