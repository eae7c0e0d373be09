fn main() {
    let text = std::fs::read_to_string("/tmp/c1000.json").unwrap();
    for _ in 0..5 {
        let t = std::time::Instant::now();
        for _ in 0..50 {
            let r = guided_checklist::validate_checklist_text(&text);
            assert!(r.ok);
        }
        let v = std::time::Instant::now();
        for _ in 0..50 {
            let _: serde_json::Value = serde_json::from_str(&text).unwrap();
        }
        println!(
            "validate {:?} per call; serde_json::Value alone {:?}",
            t.elapsed() / 50 - v.elapsed() / 50 + v.elapsed() / 50 - (v.elapsed() / 50),
            v.elapsed() / 50
        );
    }
}
