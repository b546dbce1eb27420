//! The SVG document every chart starts from: size, accessible title, the shared CSS and the fade gradients.

use super::axis::n;
use crate::picture::xml::El;

/// Classes, not inline attributes, carry the look, so a chart inlined into a report page looks the same.
const CSS: &str = "text{font-family:'DejaVu Sans',Verdana,sans-serif;font-size:11px;fill:#1f2328}\
.title{font-size:13px;font-weight:bold}.year{font-weight:bold}.month,.value{fill:#57606a;font-size:10px}\
.grid-year{stroke:#8c959f;stroke-width:1}.grid-month{stroke:#d8dee4;stroke-width:0.5}\
.stripe{fill:#f6f8fa}.solid{fill:#2f6fb0}.source circle,.dot{fill:#d1501f;stroke:#fff;stroke-width:1}\
.step{stroke:#2f6fb0;stroke-width:2}.riser{stroke:#2f6fb0;stroke-width:1}.area{fill:#dbe8f5}\
.leader{stroke:#8c959f;stroke-width:0.5;stroke-dasharray:2 2}.change text{font-size:10px}\
.change .plus{fill:#1a7f37}.change .minus{fill:#cf222e}.axis-y{stroke:#d8dee4;stroke-width:0.5}\
.presumed{fill:#ffffff;fill-opacity:0.6;stroke:#2f6fb0;stroke-width:0.5;stroke-dasharray:3 2}";

pub fn document(width: f64, height: f64, title: &str) -> El {
    let fade = |id: &str, from: &str, to: &str| {
        El::new("linearGradient")
            .set("id", id)
            .add(El::new("stop").set("offset", "0").set("stop-color", "#2f6fb0").set("stop-opacity", from))
            .add(El::new("stop").set("offset", "1").set("stop-color", "#2f6fb0").set("stop-opacity", to))
    };
    El::new("svg")
        .set("xmlns", "http://www.w3.org/2000/svg")
        .set("width", n(width))
        .set("height", n(height))
        .set("viewBox", format!("0 0 {} {}", n(width), n(height)))
        .set("role", "img")
        .add(El::new("title").text(title))
        .add(El::new("style").text(CSS))
        .add(El::new("defs").add(fade("fade-right", "1", "0")).add(fade("fade-left", "0", "1")))
}
