//! The TOML reader's messages (the `toml` crate's and serde's, and our own about dates and
//! control characters) in Chinese, for an interface that speaks Chinese. The names in
//! backticks — fields, values — stay as they are written in the file.

/// `message` in Chinese; a message not known here becomes a general "format error".
pub fn chinese(message: &str) -> String {
    let m = message.trim();
    if let Some(rest) = m.strip_prefix("unknown field ") {
        let (field, expected) = split_expected(rest);
        return match expected {
            Some(list) => format!("未知的字段 {field}（可用的字段：{}）", list_words(list)),
            None => format!("未知的字段 {field}"),
        };
    }
    if let Some(field) = m.strip_prefix("missing field ") {
        return format!("缺少字段 {field}");
    }
    if let Some(rest) = m.strip_prefix("unknown variant ") {
        let (value, expected) = split_expected(rest);
        return match expected {
            Some(list) => format!("不认识的取值 {value}（可用：{}）", list_words(list)),
            None => format!("不认识的取值 {value}"),
        };
    }
    if let Some(rest) = m.strip_prefix("invalid type: ") {
        let (found, expected) = split_expected(rest);
        return format!(
            "类型不对：这里应是{}，写的是{}",
            kind_words(expected.unwrap_or("")),
            kind_words(found)
        );
    }
    if let Some(rest) = m.strip_prefix("invalid value: ") {
        let (found, expected) = split_expected(rest);
        return format!(
            "取值不对：这里应是{}，写的是{}",
            kind_words(expected.unwrap_or("")),
            kind_words(found)
        );
    }
    if m.starts_with("duplicate key") || m.contains("duplicate key") {
        let key = backticked(m).map(|k| format!(" {k}")).unwrap_or_default();
        return format!("键{key}重复出现");
    }
    if let Some(date) = m.strip_suffix(" is not a date in the calendar") {
        return format!("{date} 不是日历上的日期");
    }
    if let Some(what) = m.strip_suffix(" is not a colour like #E60012") {
        return format!("{what} 不是形如 #E60012 的颜色");
    }
    if let Some(what) = m.strip_suffix(" is out of range") {
        return format!("{what} 超出范围");
    }
    if let Some(found) = m.strip_prefix("expected a date like 2023-09-15 without a time, found ") {
        return format!("应是形如 2023-09-15 的日期（不带时间），写的是 {found}");
    }
    if m.starts_with("a control character") {
        let code = m.split(['(', ')']).nth(1).unwrap_or("");
        return format!("有一个控制字符（{code}），TOML 文件中不能有");
    }
    if m.contains("recursion limit") {
        return "嵌套太深".to_string();
    }
    if m.contains("unclosed") || m.contains("expected") || m.contains("invalid") {
        return "TOML 语法错误".to_string();
    }
    "TOML 格式错误".to_string()
}

/// `x, expected y` → (`x`, Some(`y`)).
fn split_expected(text: &str) -> (&str, Option<&str>) {
    match text.split_once(", expected ") {
        Some((a, b)) => (a.trim(), Some(b.trim())),
        None => (text.trim(), None),
    }
}

fn backticked(text: &str) -> Option<&str> {
    let start = text.find('`')?;
    let end = text[start + 1..].find('`')? + start + 1;
    Some(&text[start..=end])
}

/// "one of `a`, `b`, `c`" / "`a` or `b`" → "`a`、`b`、`c`".
fn list_words(list: &str) -> String {
    let list = list.trim_start_matches("one of ").trim();
    let names: Vec<&str> =
        list.split(['`']).enumerate().filter(|(k, _)| k % 2 == 1).map(|(_, n)| n).collect();
    if names.is_empty() {
        return list.to_string();
    }
    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join("、")
}

/// serde's words for kinds of values, in Chinese (a quoted value stays as written).
fn kind_words(text: &str) -> String {
    let t = text.trim();
    let (kind, value) = match t.split_once(' ') {
        Some((k, v)) => (k, Some(v)),
        None => (t, None),
    };
    let word = match kind {
        "string" | "a" if t.contains("string") => "字符串",
        "string" => "字符串",
        "integer" | "u32" | "u16" | "u8" | "u64" | "i64" | "i32" => "整数",
        "float" => "小数",
        "boolean" | "bool" => "true 或 false",
        "sequence" | "array" => "列表",
        "map" | "table" => "表",
        "datetime" | "date" => "日期",
        _ if t.contains("string") => "字符串",
        _ if t.contains("integer") || t.contains("u32") => "整数",
        _ if t.contains("sequence") || t.contains("array") => "列表",
        _ if t.contains("date") => "日期",
        _ if t.contains("boolean") || t.contains("bool") => "true 或 false",
        _ if t.contains("map") || t.contains("struct") || t.contains("table") => "表",
        _ => "另一种值",
    };
    match value.filter(|v| v.starts_with('`') || v.starts_with('"')) {
        Some(v) => format!("{word} {v}"),
        None => word.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_common_messages_read_in_chinese_with_their_names_kept() {
        assert_eq!(
            chinese("unknown field `hedline`, expected one of `id`, `headline`"),
            "未知的字段 `hedline`（可用的字段：`id`、`headline`）"
        );
        assert_eq!(chinese("missing field `headline`"), "缺少字段 `headline`");
        assert_eq!(
            chinese("invalid type: integer `3`, expected a string"),
            "类型不对：这里应是字符串，写的是整数 `3`"
        );
        assert_eq!(
            chinese("unknown variant `fancy`, expected `heading` or `run-in`"),
            "不认识的取值 `fancy`（可用：`heading`、`run-in`）"
        );
        assert_eq!(chinese("2026-11-31 is not a date in the calendar"), "2026-11-31 不是日历上的日期");
        assert_eq!(chinese("something nobody wrote"), "TOML 格式错误");
    }
}
