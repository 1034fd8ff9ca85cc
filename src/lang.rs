//! The language of messages meant for the editor (check findings, the interface):
//! Chinese unless `JIANBAO_LANG=en` (or `language = "en"` in config.toml) asks for English.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// From `JIANBAO_LANG` (values starting with "en" mean English).
    pub fn from_env() -> Option<Lang> {
        std::env::var("JIANBAO_LANG").ok().and_then(|v| Lang::parse(&v))
    }

    pub fn parse(value: &str) -> Option<Lang> {
        let v = value.trim().to_ascii_lowercase();
        if v.starts_with("en") {
            Some(Lang::En)
        } else if v.starts_with("zh") || v == "cn" {
            Some(Lang::Zh)
        } else {
            None
        }
    }

    /// Pick the Chinese or the English text.
    pub fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}
