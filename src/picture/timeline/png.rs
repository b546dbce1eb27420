//! PNG output: the chart's SVG rasterised by resvg at its own size on white, text set with the system's fonts
//! (the CSS asks for DejaVu Sans, Verdana or any sans-serif face).

use crate::picture::PictureError;
use resvg::{tiny_skia, usvg};

pub fn rasterise(svg: &str) -> Result<Vec<u8>, PictureError> {
    let failed = |what: String| PictureError::Io(format!("cannot draw the PNG: {what}"));
    let mut options = usvg::Options::default();
    options.fontdb_mut().load_system_fonts();
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| failed(e.to_string()))?;
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| failed(format!("a {}x{} image", size.width(), size.height())))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| failed(e.to_string()))
}
