//! Fonts for the printed page, found by role: the office's own faces first (仿宋_GB2312,
//! 方正小标宋简体, 黑体, 楷体_GB2312, 宋体, Times New Roman), then the free faces a Linux
//! machine has (Noto/Source Han, LXGW WenKai, Fandol), then any face with Chinese in it.
//! fontdb reads the system's font folders (fontconfig's, Windows', macOS') and `fonts/` in
//! the config folder; `[print.fonts]` names a family or a font file per role. Each export
//! says which face served each role and names every substitution; a character that the
//! role's face lacks is taken from another face that has it.

use rustc_hash::FxHashMap;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

use crate::lang::Lang;
use crate::model::print::Fonts as Wanted;

/// What a face is used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// 正文, sources, TOC entries, the masthead's numbers, the footer: 仿宋.
    Body,
    /// The masthead's title and headlines: 小标宋.
    Title,
    /// 【栏目】 and the TOC heading: 黑体.
    Heading,
    /// 专栏 headings: 楷体.
    Kai,
    /// Page numbers: 宋体.
    Number,
    /// Latin letters and digits.
    Latin,
}

pub const ROLES: [Role; 6] = [Role::Body, Role::Title, Role::Heading, Role::Kai, Role::Number, Role::Latin];

impl Role {
    /// The families tried, best first.
    pub fn families(self) -> &'static [&'static str] {
        match self {
            Role::Body => &[
                "仿宋_GB2312",
                "FangSong_GB2312",
                "仿宋",
                "FangSong",
                "STFangsong",
                "华文仿宋",
                "方正仿宋_GBK",
                "方正仿宋简体",
                "FZFangSong-Z02S",
                "Noto Serif CJK SC",
                "Source Han Serif SC",
                "Source Han Serif CN",
                "思源宋体",
            ],
            Role::Title => &[
                "方正小标宋简体",
                "方正小标宋_GBK",
                "FZXiaoBiaoSong-B05S",
                "小标宋",
                "STZhongsong",
                "华文中宋",
                "Noto Serif CJK SC",
                "Source Han Serif SC",
                "Source Han Serif CN",
            ],
            Role::Heading => &[
                "黑体",
                "SimHei",
                "Noto Sans CJK SC",
                "Source Han Sans SC",
                "Source Han Sans CN",
                "思源黑体",
            ],
            Role::Kai => &[
                "楷体_GB2312",
                "KaiTi_GB2312",
                "楷体",
                "KaiTi",
                "STKaiti",
                "华文楷体",
                "LXGW WenKai",
                "霞鹜文楷",
                "FandolKai",
            ],
            Role::Number => &["宋体", "SimSun", "NSimSun", "Noto Serif CJK SC", "Source Han Serif SC"],
            Role::Latin => {
                &["Times New Roman", "Liberation Serif", "TeX Gyre Termes", "Nimbus Roman", "DejaVu Serif"]
            }
        }
    }

    /// Heavy faces for the title and headings, regular ones otherwise.
    fn weight(self) -> fontdb::Weight {
        match self {
            Role::Title => fontdb::Weight::BLACK,
            Role::Heading => fontdb::Weight::BOLD,
            _ => fontdb::Weight::NORMAL,
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Role::Body => lang.pick("正文", "body"),
            Role::Title => lang.pick("标题", "title"),
            Role::Heading => lang.pick("栏目", "headings"),
            Role::Kai => lang.pick("专栏", "columns"),
            Role::Number => lang.pick("页码", "page numbers"),
            Role::Latin => lang.pick("西文", "Latin"),
        }
    }

    /// `[print.fonts]`'s entry for this role (empty: the built-in list).
    pub fn asked(self, wanted: &Wanted) -> &str {
        match self {
            Role::Body => &wanted.body,
            Role::Title => &wanted.title,
            Role::Heading => &wanted.heading,
            Role::Kai => &wanted.kai,
            Role::Number => &wanted.number,
            Role::Latin => &wanted.latin,
        }
    }
}

/// One face, loaded.
pub struct Face {
    /// Its family name as the system lists it (Chinese where it has one).
    pub name: String,
    /// Where it was read from (file and index), so that a face serving several roles is
    /// loaded once.
    key: String,
    pub data: Arc<Vec<u8>>,
    pub index: u32,
    units_per_em: f32,
    /// Looked up for every character set (FxHash: a character is no attacker's key, and
    /// SipHash showed in the PDF's profile).
    glyphs: FxHashMap<char, Option<(u32, f32)>>,
}

impl Face {
    fn load(name: String, key: String, data: Arc<Vec<u8>>, index: u32) -> Option<Face> {
        let font = FontRef::from_index(&data, index).ok()?;
        let units_per_em = f32::from(font.metrics(Size::unscaled(), LocationRef::default()).units_per_em);
        Some(Face { name, key, data, index, units_per_em, glyphs: FxHashMap::default() })
    }

    /// Glyph id and advance (in ems) of `c`, when the face has it.
    pub fn glyph(&mut self, c: char) -> Option<(u32, f32)> {
        if let Some(g) = self.glyphs.get(&c) {
            return *g;
        }
        let found = FontRef::from_index(&self.data, self.index).ok().and_then(|font| {
            let id = font.charmap().map(c)?;
            let advance = font.glyph_metrics(Size::unscaled(), LocationRef::default()).advance_width(id)?;
            Some((id.to_u32(), advance / self.units_per_em))
        });
        self.glyphs.insert(c, found);
        found
    }

    pub fn has(&mut self, c: char) -> bool {
        self.glyph(c).is_some()
    }
}

/// How a role was served.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Served {
    pub role: Role,
    /// What was asked for first: `[print.fonts]`'s entry or the role's first family.
    pub wanted: String,
    /// The face used.
    pub used: String,
}

impl Served {
    pub fn substituted(&self) -> bool {
        self.wanted != self.used
    }

    /// `正文：仿宋_GB2312` or `正文：仿宋_GB2312 未找到，改用 Noto Serif CJK SC`.
    pub fn say(&self, lang: Lang) -> String {
        let role = self.role.label(lang);
        if !self.substituted() {
            return lang.pick(format!("{role}：{}", self.used), format!("{role}: {}", self.used));
        }
        lang.pick(
            format!("{role}：{} 未找到，改用 {}", self.wanted, self.used),
            format!("{role}: {} not found, using {}", self.wanted, self.used),
        )
    }
}

/// Why there is nothing to print with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FontError {
    /// No face with Chinese characters at all.
    NoChinese,
    /// A font file named in `[print.fonts]` that cannot be read as a font.
    BadFile { path: PathBuf },
}

impl FontError {
    pub fn say(&self, lang: Lang) -> String {
        match self {
            FontError::NoChinese => lang
                .pick(
                    "找不到中文字体：请安装仿宋_GB2312 等字体或 Noto CJK（Debian/Ubuntu：apt install fonts-noto-cjk），放进配置文件夹的 fonts/，或在 jianbao.toml 的 [print.fonts] 中写明字体文件。",
                    "No Chinese font found: install FangSong_GB2312 or the like, or Noto CJK (Debian/Ubuntu: apt install fonts-noto-cjk), put one in fonts/ of the config folder, or name a font file in [print.fonts] of jianbao.toml.",
                )
                .to_string(),
            FontError::BadFile { path } => lang.pick(
                format!("{} 不是可用的字体文件。", path.display()),
                format!("{} is not a usable font file.", path.display()),
            ),
        }
    }
}

/// Where faces are looked for.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// The system's font folders.
    pub system: bool,
    /// Further folders (the config folder's `fonts/`; `JIANBAO_FONTS`).
    pub folders: Vec<PathBuf>,
}

impl Sources {
    /// The system's fonts and `<config>/fonts`; with `JIANBAO_FONTS` set (folders separated
    /// by `:`), only those folders — for exports that must not depend on the machine.
    pub fn for_export(config: Option<&Path>) -> Sources {
        if let Some(list) = std::env::var_os("JIANBAO_FONTS") {
            return Sources { system: false, folders: std::env::split_paths(&list).collect() };
        }
        Sources { system: true, folders: config.map(|c| vec![c.join("fonts")]).unwrap_or_default() }
    }
}

/// The faces chosen for an export, by role, and every other face (for characters the
/// chosen ones lack).
pub struct FontSet {
    db: fontdb::Database,
    faces: Vec<Face>,
    by_role: HashMap<Role, usize>,
    pub served: Vec<Served>,
    /// Faces loaded for single characters, by fontdb id.
    extra: HashMap<fontdb::ID, Option<usize>>,
    /// Font files read, shared by the faces of a collection.
    files: HashMap<PathBuf, Arc<Vec<u8>>>,
}

impl FontSet {
    pub fn find(sources: &Sources, wanted: &Wanted) -> Result<FontSet, FontError> {
        let mut db = fontdb::Database::new();
        if sources.system {
            db.load_system_fonts();
        }
        for folder in &sources.folders {
            db.load_fonts_dir(folder);
        }
        let mut set = FontSet {
            db,
            faces: Vec::new(),
            by_role: HashMap::new(),
            served: Vec::new(),
            extra: HashMap::new(),
            files: HashMap::new(),
        };
        for role in ROLES {
            set.choose(role, role.asked(wanted))?;
        }
        Ok(set)
    }

    pub fn face_index(&self, role: Role) -> usize {
        self.by_role.get(&role).or_else(|| self.by_role.get(&Role::Body)).copied().unwrap_or(0)
    }

    pub fn faces(&self) -> &[Face] {
        &self.faces
    }

    pub fn face_at(&mut self, k: usize) -> &mut Face {
        &mut self.faces[k]
    }

    /// The face to set `c` in for `role`: the role's face when it has `c`, else the first
    /// chosen face that has it, else any face on the machine that has it.
    pub fn face_for(&mut self, role: Role, c: char) -> Option<usize> {
        let own = self.face_index(role);
        if self.faces[own].has(c) {
            return Some(own);
        }
        let chosen: Vec<usize> = ROLES.iter().map(|&r| self.face_index(r)).collect();
        if let Some(k) = chosen.into_iter().find(|&k| self.faces[k].has(c)) {
            return Some(k);
        }
        // Any face of the machine: its character map is read in place (fontdb maps the
        // files), and only a face that has `c` is loaded.
        let ids: Vec<fontdb::ID> = self.db.faces().map(|f| f.id).collect();
        for id in ids {
            if let Some(&k) = self.extra.get(&id) {
                if let Some(k) = k
                    && self.faces[k].has(c)
                {
                    return Some(k);
                }
                continue;
            }
            let has = self
                .db
                .with_face_data(id, |data, index| {
                    FontRef::from_index(data, index).ok().is_some_and(|f| f.charmap().map(c).is_some())
                })
                .unwrap_or(false);
            if has {
                let k = self.index_of(id);
                self.extra.insert(id, k);
                if k.is_some() {
                    return k;
                }
            }
        }
        None
    }

    fn choose(&mut self, role: Role, asked: &str) -> Result<(), FontError> {
        let asked = asked.trim();
        let wanted = if asked.is_empty() { role.families()[0].to_string() } else { asked.to_string() };
        // A file named in [print.fonts].
        if !asked.is_empty() && (asked.contains('/') || asked.contains('\\') || has_font_extension(asked)) {
            let path = PathBuf::from(asked);
            let data = std::fs::read(&path).map_err(|_| FontError::BadFile { path: path.clone() })?;
            let name = path.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
            let key = format!("{}#0", path.display());
            let face = Face::load(name, key, Arc::new(data), 0).ok_or(FontError::BadFile { path })?;
            let k = self.add(face);
            return self.serve(role, wanted.clone(), k, wanted);
        }
        let mut names: Vec<&str> = Vec::new();
        if !asked.is_empty() {
            names.push(asked);
        }
        names.extend(role.families());
        for name in names {
            if let Some(id) = self.query(name, role.weight())
                && let Some(k) = self.index_of(id)
            {
                return self.serve(role, wanted, k, name.to_string());
            }
        }
        // The Latin role and 专栏 (楷体 has no free stand-in everywhere) take the body's
        // face; the others any face with Chinese in it (a serif one for the body, titles and
        // numbers, Simplified Chinese first).
        if matches!(role, Role::Latin | Role::Kai) {
            let body = self.face_index(Role::Body);
            let used = self.faces[body].name.clone();
            self.by_role.insert(role, body);
            self.served.push(Served { role, wanted, used });
            return Ok(());
        }
        let id = self.any_chinese(role).ok_or(FontError::NoChinese)?;
        let k = self.index_of(id).ok_or(FontError::NoChinese)?;
        let used = self.faces[k].name.clone();
        self.serve(role, wanted, k, used)
    }

    fn serve(&mut self, role: Role, wanted: String, k: usize, used: String) -> Result<(), FontError> {
        self.by_role.insert(role, k);
        self.served.push(Served { role, wanted, used });
        Ok(())
    }

    /// The face `id` among the loaded ones, loading it (once per file and index).
    fn index_of(&mut self, id: fontdb::ID) -> Option<usize> {
        let info = self.db.face(id)?;
        let key = face_key(info);
        if let Some(k) = self.faces.iter().position(|f| f.key == key) {
            return Some(k);
        }
        let face = self.load(id, key)?;
        Some(self.add(face))
    }

    /// `face` among the loaded ones (once per file and index).
    fn add(&mut self, face: Face) -> usize {
        if let Some(k) = self.faces.iter().position(|f| f.key == face.key) {
            return k;
        }
        self.faces.push(face);
        self.faces.len() - 1
    }

    /// The face of family `name` (any of its names, any language) nearest `weight`.
    fn query(&self, name: &str, weight: fontdb::Weight) -> Option<fontdb::ID> {
        let candidates: Vec<&fontdb::FaceInfo> = self
            .db
            .faces()
            .filter(|f| {
                f.families.iter().any(|(n, _)| n.eq_ignore_ascii_case(name)) || f.post_script_name == name
            })
            .filter(|f| f.style == fontdb::Style::Normal)
            .collect();
        candidates
            .into_iter()
            .min_by_key(|f| (i32::from(f.weight.0) - i32::from(weight.0)).abs())
            .map(|f| f.id)
    }

    fn any_chinese(&mut self, role: Role) -> Option<fontdb::ID> {
        let serif = matches!(role, Role::Body | Role::Number | Role::Title);
        let mut found: Vec<(bool, bool, fontdb::ID)> = Vec::new();
        let faces: Vec<(fontdb::ID, String)> = self
            .db
            .faces()
            .filter(|f| f.style == fontdb::Style::Normal)
            .map(|f| (f.id, f.families.first().map(|(n, _)| n.clone()).unwrap_or_default()))
            .collect();
        for (id, name) in faces {
            let has = self
                .db
                .with_face_data(id, |data, index| {
                    FontRef::from_index(data, index).ok().is_some_and(|f| {
                        let map = f.charmap();
                        "中文。".chars().all(|c| map.map(c).is_some())
                    })
                })
                .unwrap_or(false);
            if has {
                let lower = name.to_lowercase();
                let looks_serif = ["serif", "song", "ming", "宋", "仿"].iter().any(|w| lower.contains(w))
                    && !lower.contains("sans");
                let simplified = [" SC", " CN", "GB", "简"].iter().any(|w| name.contains(w));
                found.push((looks_serif == serif, simplified, id));
            }
        }
        found.sort_by_key(|&(fits, simplified, _)| (!fits, !simplified));
        found.first().map(|&(_, _, id)| id)
    }

    fn load(&mut self, id: fontdb::ID, key: String) -> Option<Face> {
        let info = self.db.face(id)?;
        let name = info
            .families
            .iter()
            .find(|(_, l)| *l == fontdb::Language::Chinese_PeoplesRepublicOfChina)
            .or(info.families.first())
            .map(|(n, _)| n.clone())
            .unwrap_or_else(|| info.post_script_name.clone());
        let index = info.index;
        let data = match &info.source {
            fontdb::Source::File(path) | fontdb::Source::SharedFile(path, _) => match self.files.get(path) {
                Some(data) => Arc::clone(data),
                None => {
                    let data = Arc::new(std::fs::read(path).ok()?);
                    self.files.insert(path.clone(), Arc::clone(&data));
                    data
                }
            },
            fontdb::Source::Binary(_) => Arc::new(self.db.with_face_data(id, |d, _| d.to_vec())?),
        };
        Face::load(name, key, data, index)
    }
}

/// A face's file and index (or its id, for one read from memory).
fn face_key(info: &fontdb::FaceInfo) -> String {
    match &info.source {
        fontdb::Source::File(path) | fontdb::Source::SharedFile(path, _) => {
            format!("{}#{}", path.display(), info.index)
        }
        fontdb::Source::Binary(_) => format!("{:?}", info.id),
    }
}

fn has_font_extension(s: &str) -> bool {
    let lower = s.to_lowercase();
    [".ttf", ".otf", ".ttc", ".otc"].iter().any(|e| lower.ends_with(e))
}
