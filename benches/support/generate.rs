//! A realistic workspace of any size, for benchmarks and for trying jianbao at scale:
//! items of 300–3,000 字 in the genre of a 科协 bulletin (units, dates, figures, ASCII runs
//! such as GD32MCU or AI+, several source units), issues a week apart going back years, with
//! lead items and 【栏目】 sections. Deterministic for a seed.
//!
//! Shared by `examples/gen_workspace.rs` and the benches (`#[path]`), not part of the library.

#![allow(dead_code)]

use std::path::Path;

use jianbao::model::{Date, Issue, Item, Numbering, Profile, Section, TocMode};
use jianbao::store::load::parse;
use jianbao::store::samples::SAMPLE_FILES;
use jianbao::store::write::issue_toml;
use jianbao::store::{StoreError, Workspace, save_issue};

/// xorshift64*: reproducible choices.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15).max(1))
    }

    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        ((self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 32) as usize) % n.max(1)
    }

    pub fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len())]
    }

    pub fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
}

const UNITS: &[&str] = &[
    "市科协",
    "市科协学会部",
    "市科协科普部",
    "市科协组织人事部",
    "市科协企业工作部",
    "市科技馆",
    "市机械工程学会",
    "市电子学会",
    "市医学会",
    "市农学会",
    "市化工学会",
    "市计算机学会",
    "市人工智能学会",
    "市青少年科技教育协会",
    "高新区科协",
    "滨江区科协",
    "东湖区科协",
    "江州大学科协",
    "江州理工学院科协",
    "星海智能科技集团科协",
    "江州钢铁集团科协",
    "市老科技工作者协会",
];

const PLACES: &[&str] =
    &["江州科学会堂", "市科技馆报告厅", "高新区科创大厦", "江州大学图书馆", "滨江会议中心", "东湖创新港"];

const EVENTS: &[&str] = &[
    "学术年会",
    "科技工作者座谈会",
    "青年科技人才沙龙",
    "科普讲解大赛",
    "院士专家进企业活动",
    "科技成果对接会",
    "学会秘书长培训班",
    "科学家精神报告会",
    "全国科普日主场活动",
    "企业技术需求发布会",
    "工程师能力评价工作推进会",
    "“科技助力乡村振兴”现场会",
];

const TOPICS: &[&str] = &[
    "集成电路",
    "生物医药",
    "新材料",
    "人工智能",
    "智能制造",
    "绿色低碳",
    "数字经济",
    "现代农业",
    "海洋装备",
    "工业互联网",
];

const ASCII: &[&str] = &[
    "GD32MCU",
    "AI+",
    "5G",
    "CUBE-Net 3.0",
    "ISO 9001",
    "IEEE",
    "SCI",
    "PCT",
    "CAR-T",
    "LoRa",
    "Wi-Fi 7",
    "RISC-V",
];

const PEOPLE: &[&str] =
    &["科技工作者", "学会会员", "青年科技人才", "企业工程师", "中小学教师", "科普志愿者", "高校师生"];

const COLUMNS: &[&str] =
    &["学会动态", "基层科协", "科普工作", "人才工作", "学术交流", "企业科协", "区县动态", "他山之石"];

fn headline(r: &mut Rng) -> String {
    let unit = r.pick(UNITS);
    match r.below(6) {
        0 => format!("{unit}召开{}年{}工作会议", 2020 + r.below(8), r.pick(TOPICS)),
        1 => format!("{unit}举办{}", r.pick(EVENTS)),
        2 => format!("{unit}与{}签署{}领域战略合作协议", r.pick(UNITS), r.pick(TOPICS)),
        3 => format!("{unit}组织开展{}{}专题调研", r.pick(TOPICS), r.pick(ASCII)),
        4 => format!("{}{}成果发布会在{}举行", r.pick(TOPICS), r.pick(ASCII), r.pick(PLACES)),
        _ => format!(
            "{unit}{}",
            r.pick(&["扎实推进学会服务能力提升", "启动新一轮青年人才托举", "建成首批科普示范基地"])
        ),
    }
}

fn two_topics(r: &mut Rng) -> (&'static str, &'static str) {
    let a = r.below(TOPICS.len());
    let b = (a + 1 + r.below(TOPICS.len() - 1)) % TOPICS.len();
    (TOPICS[a], TOPICS[b])
}

fn sentence(r: &mut Rng, month: usize, day: usize) -> String {
    match r.below(9) {
        0 => format!(
            "{month}月{day}日，{}在{}举办{}，{}余名{}参加。",
            r.pick(UNITS),
            r.pick(PLACES),
            r.pick(EVENTS),
            r.between(3, 60) * 10,
            r.pick(PEOPLE)
        ),
        1 => {
            let (a, b) = two_topics(r);
            format!(
                "会议指出，要围绕{a}、{b}等重点产业链，推动学术资源向产业一线延伸，力争全年新增合作项目{}项。",
                r.between(5, 80)
            )
        }
        2 => format!(
            "据统计，今年以来全市共举办各类学术交流活动{}场，其中国际性会议{}场，参与人数较上年增长{}.{}%。",
            r.between(100, 500),
            r.between(3, 20),
            r.between(1, 30),
            r.below(10)
        ),
        3 => format!(
            "{}负责人介绍了基于{}技术的{}应用进展，相关成果已在{}家企业落地。",
            r.pick(UNITS),
            r.pick(ASCII),
            r.pick(TOPICS),
            r.between(2, 40)
        ),
        4 => {
            let (a, b) = two_topics(r);
            format!(
                "活动中，专家们就“{a}”“{b}”等问题与{}深入交流，现场解答问题{}个。",
                r.pick(PEOPLE),
                r.between(10, 90)
            )
        }
        5 => "与会人员认为，要把会议精神带回去、落下去，结合实际细化工作方案，做到任务清单化、责任具体化、时间节点化。".to_string(),
        6 => format!(
            "下一步，{}将继续完善“学会推荐、企业出题、专家评审”的联合机制，为35岁以下青年人才提供项目、平台和交流机会。",
            r.pick(UNITS)
        ),
        7 => format!(
            "{}党组成员、副主席出席并讲话，强调要坚持以服务科技工作者为中心，推动{}工作提质增效。",
            r.pick(UNITS),
            r.pick(TOPICS)
        ),
        _ => format!(
            "截至{}月底，全市基层科协组织总数达到{}余家，新建企业科协{}家、高校科协{}家。",
            month,
            r.between(800, 1500),
            r.between(10, 60),
            r.between(1, 6)
        ),
    }
}

fn body(r: &mut Rng, date: Date, zi: usize) -> String {
    let (month, day) = (date.month() as usize, date.day() as usize);
    let mut paragraphs: Vec<String> = Vec::new();
    let mut para = String::new();
    let mut total = 0;
    while total < zi {
        let s = sentence(r, month, day);
        total += s.chars().count();
        para.push_str(&s);
        if para.chars().count() > r.between(150, 450) {
            paragraphs.push(std::mem::take(&mut para));
        }
    }
    if !para.is_empty() {
        paragraphs.push(para);
    }
    format!("{}\n", paragraphs.join("\n"))
}

/// One item received on `date`, of 300–3,000 字.
pub fn item(r: &mut Rng, id: String, date: Date) -> Item {
    let mut item = Item::new(id, headline(r));
    item.received = Some(date);
    let sources = r.between(1, 3);
    item.sources = (0..sources).map(|_| r.pick(UNITS).to_string()).collect();
    item.sources.dedup();
    let zi = r.between(300, 3000);
    item.body = body(r, date, zi);
    item
}

/// An item of about `zi` 字 (the keystroke bench's 50,000-字 item).
pub fn long_item(id: &str, zi: usize) -> Item {
    let mut r = Rng::new(zi as u64);
    let date = Date::new(2026, 11, 20).expect("a date");
    let mut item = item(&mut r, id.to_string(), date);
    item.body = body(&mut r, date, zi);
    item
}

/// The sample publication's profile.
pub fn profile() -> Profile {
    let (_, text) = SAMPLE_FILES.iter().find(|(p, _)| *p == "jianbao.toml").expect("the sample profile");
    parse::<Profile>(Path::new("jianbao.toml"), text).expect("the sample profile parses").doc
}

/// An issue of `n` items in a lead section and 【栏目】 sections.
pub fn issue(r: &mut Rng, numbering: Numbering, n: usize, id_prefix: &str) -> Issue {
    let profile = profile();
    let mut issue = Issue::first(&profile, numbering.date);
    issue.numbering = numbering;
    issue.sections.clear();
    let leads = n.min(r.between(2, 4));
    let mut sections = vec![Section::new("")];
    let columns = 1 + r.below(4);
    for k in 0..columns {
        let mut s = Section::new(format!("【{}】", COLUMNS[(k + r.below(COLUMNS.len())) % COLUMNS.len()]));
        s.toc = if r.below(4) == 0 { TocMode::Section } else { TocMode::Items };
        sections.push(s);
    }
    for k in 0..n {
        let day = numbering.date.add_days(-(r.below(6) as i32)).unwrap_or(numbering.date);
        let it = item(r, format!("{id_prefix}{k:04}"), day);
        let s = if k < leads { 0 } else { 1 + (k - leads) * columns / (n - leads).max(1) };
        sections[s.min(columns)].items.push(it);
    }
    issue.sections = sections.into_iter().filter(|s| !s.items.is_empty()).collect();
    issue
}

/// Write a workspace of `items` pooled items and `issues` weekly issues (the newest dated
/// 2026-11-20) into `dir`, which must not be a workspace yet.
pub fn workspace(dir: &Path, items: usize, issues: usize, seed: u64) -> Result<Workspace, StoreError> {
    let mut r = Rng::new(seed);
    let ws = Workspace::create(dir, &profile())?;
    let newest = Date::new(2026, 11, 20).expect("a date");
    // Numbering back from 2026年第45期（总第318期）.
    let mut numbers = Vec::new();
    let (mut year, mut number, mut total, mut date) = (2026u16, 45u32, 318u32, newest);
    for _ in 0..issues {
        numbers.push(Numbering { year, number, total, date });
        date = date.add_days(-7).expect("a date");
        total = total.saturating_sub(1).max(1);
        if number > 1 {
            number -= 1;
        } else {
            year -= 1;
            number = 52;
        }
    }
    for n in numbers {
        let count = r.between(8, 25);
        let prefix = format!("{}-i", n.date);
        let issue = issue(&mut r, n, count, &prefix);
        save_issue(&ws.issue_path(&issue), &issue)?;
    }
    for k in 0..items {
        let date = newest.add_days(-((k / 40) as i32)).expect("a date");
        let it = item(&mut r, format!("{date}-p{k:05}"), date);
        ws.save_pool_item(&it)?;
    }
    Ok(ws)
}

/// The text of an issue file of `n` items (the export and save benches' 300-item issue).
pub fn issue_text(n: usize) -> String {
    let mut r = Rng::new(300);
    let numbering =
        Numbering { year: 2026, number: 45, total: 318, date: Date::new(2026, 11, 20).expect("a date") };
    issue_toml(&issue(&mut r, numbering, n, "2026-11-20-b"))
}
