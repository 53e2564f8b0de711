use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;

use super::*;

fn png(width: u32, height: u32) -> Vec<u8> {
    let img = image::DynamicImage::ImageRgb8(image::RgbImage::new(width, height));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

/// Asks until the source settles and its load finishes.
fn load(p: &mut Pictures, source: &str, base: Option<&Path>) -> Picture {
    let (_, wait) = p.get(source, base);
    std::thread::sleep(wait.unwrap_or_default() + Duration::from_millis(10));
    let _ = p.get(source, base);
    p.wait_idle(Duration::from_secs(10));
    p.get(source, base).0
}

#[test]
fn a_file_is_prepared_cached_and_loaded_again_when_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("pic.png");
    std::fs::write(&file, png(3000, 1000)).unwrap();
    let mut p = Pictures::new(Arc::new(|| {}), 600);
    let (first, wait) = p.get("pic.png", Some(dir.path()));
    assert!(
        matches!(first, Picture::Loading) && wait.is_some(),
        "settling first"
    );
    match load(&mut p, "pic.png", Some(dir.path())) {
        Picture::Ready(pic) => assert_eq!((pic.width, pic.height), (600, 200)),
        other => panic!("{other:?}"),
    }
    // the same file: from the cache, at once
    assert!(matches!(
        p.get("pic.png", Some(dir.path())).0,
        Picture::Ready(_)
    ));
    // replaced on disk: loaded again
    std::thread::sleep(Duration::from_millis(1100));
    std::fs::write(&file, png(100, 400)).unwrap();
    match load(&mut p, "pic.png", Some(dir.path())) {
        Picture::Ready(pic) => assert_eq!((pic.width, pic.height), (100, 400)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn missing_files_and_folders_say_why() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = Pictures::new(Arc::new(|| {}), 600);
    assert!(matches!(
        load(&mut p, "gone.jpg", Some(dir.path())),
        Picture::Failed(PictureError::Missing)
    ));
    let folder = dir.path().display().to_string();
    assert!(matches!(
        load(&mut p, &folder, None),
        Picture::Failed(PictureError::Folder)
    ));
    assert!(matches!(p.get("  ", None).0, Picture::None));
}

/// A web server on this machine that answers every request with `status` and `body`.
fn serve(status: &'static str, body: Vec<u8>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(&stream);
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let mut s = &stream;
            let _ = write!(
                s,
                "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = s.write_all(&body);
        }
    });
    format!("http://{addr}/picture")
}

#[test]
fn a_picture_given_by_web_address_is_fetched() {
    let url = serve("200 OK", png(800, 600));
    let mut p = Pictures::new(Arc::new(|| {}), 400);
    match load(&mut p, &url, None) {
        Picture::Ready(pic) => assert_eq!((pic.width, pic.height), (400, 300)),
        other => panic!("{other:?}"),
    }
    let missing = serve("404 Not Found", b"no".to_vec());
    match load(&mut p, &missing, None) {
        Picture::Failed(e) => assert!(e.to_string().contains("404"), "{e}"),
        other => panic!("{other:?}"),
    }
    let not_a_picture = serve("200 OK", b"<html>a page</html>".to_vec());
    assert!(matches!(
        load(&mut p, &not_a_picture, None),
        Picture::Failed(PictureError::Unsupported(_))
    ));
}
