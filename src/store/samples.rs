//! The bundled sample workspace, embedded in the binary so that an installed `jianbao`
//! can create its default workspace anywhere.

/// (path relative to the workspace, contents)
pub const SAMPLE_FILES: &[(&str, &str)] = &[
    ("jianbao.toml", include_str!("../../samples/jianbao.toml")),
    ("issues/2026-21.toml", include_str!("../../samples/issues/2026-21.toml")),
    ("issues/2026-45.toml", include_str!("../../samples/issues/2026-45.toml")),
    ("pool/2026-11-16-xh01.toml", include_str!("../../samples/pool/2026-11-16-xh01.toml")),
    ("pool/2026-11-17-qx01.toml", include_str!("../../samples/pool/2026-11-17-qx01.toml")),
    ("pool/2026-11-18-kp01.toml", include_str!("../../samples/pool/2026-11-18-kp01.toml")),
    ("pool/2026-11-19-qx02.toml", include_str!("../../samples/pool/2026-11-19-qx02.toml")),
    ("pool/2026-11-19-rc01.toml", include_str!("../../samples/pool/2026-11-19-rc01.toml")),
    ("pool/2026-11-20-xh02.toml", include_str!("../../samples/pool/2026-11-20-xh02.toml")),
    ("pool/2026-11-21-qy02.toml", include_str!("../../samples/pool/2026-11-21-qy02.toml")),
    ("pool/2026-11-22-kx01.toml", include_str!("../../samples/pool/2026-11-22-kx01.toml")),
    ("pool/2026-11-22-zb01.toml", include_str!("../../samples/pool/2026-11-22-zb01.toml")),
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// Every file under samples/ is embedded, and every embedded file is there unchanged.
    #[test]
    fn embedded_samples_match_the_samples_folder() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
        let mut on_disk = Vec::new();
        for dir in ["", "issues", "pool"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = entry.unwrap().path();
                if path.is_file() {
                    on_disk.push(path.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/"));
                }
            }
        }
        on_disk.sort();
        let mut embedded: Vec<String> = SAMPLE_FILES.iter().map(|(p, _)| p.to_string()).collect();
        embedded.sort();
        assert_eq!(on_disk, embedded);
        for (rel, text) in SAMPLE_FILES {
            assert_eq!(std::fs::read_to_string(root.join(rel)).unwrap(), *text, "{rel}");
        }
    }
}
