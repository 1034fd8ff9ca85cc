//! README's key table is the keymap: generated from it, and checked against it.
//! Regenerate with `UPDATE_README=1 cargo test --test readme`.

use jianbao::lang::Lang;
use jianbao::tui::keymap::{Context, Keymap};

const START: &str = "<!-- keys:start -->";
const END: &str = "<!-- keys:end -->";

fn key_table() -> String {
    let map = Keymap::default();
    let mut out = String::new();
    for (ctx, title) in [
        (Context::Global, "Everywhere 全局"),
        (Context::Pool, "Pool 稿件池"),
        (Context::Outline, "Outline 本期目录"),
        (Context::Editor, "Editor 正文"),
        (Context::Dialog, "Dialogs 对话框"),
        (Context::Preview, "Preview 预览"),
        (Context::Help, "Help 帮助"),
    ] {
        out.push_str(&format!(
            "\n**{title}** (`[[keys.{}]]`)\n\n| keys | action | 说明 | what it does |\n|---|---|---|---|\n",
            ctx.name()
        ));
        for b in map.bindings(ctx) {
            let keys = b.keys.iter().map(|k| format!("`{}`", k.label())).collect::<Vec<_>>().join(" ");
            let action = format!("{:?}", b.action);
            let snake: String = action
                .chars()
                .enumerate()
                .flat_map(|(i, c)| {
                    if c.is_uppercase() && i > 0 {
                        vec!['_', c.to_ascii_lowercase()]
                    } else {
                        vec![c.to_ascii_lowercase()]
                    }
                })
                .collect();
            out.push_str(&format!(
                "| {keys} | `{snake}` | {} | {} |\n",
                b.describe(Lang::Zh),
                b.describe(Lang::En)
            ));
        }
    }
    out
}

#[test]
fn readme_lists_every_key_of_the_keymap() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let (Some(a), Some(b)) = (readme.find(START), readme.find(END)) else {
        panic!("README lacks the key table markers")
    };
    let table = key_table();
    let current = &readme[a + START.len()..b];
    if std::env::var_os("UPDATE_README").is_some() {
        let updated = format!("{}{START}{table}\n{}", &readme[..a], &readme[b..]);
        std::fs::write(&path, updated).unwrap();
        return;
    }
    assert_eq!(
        current.trim(),
        table.trim(),
        "README's key table is out of date: UPDATE_README=1 cargo test --test readme"
    );
}
