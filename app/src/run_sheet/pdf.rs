//! The run sheet as a PDF, made on the server (no browser): the same facts as the page, laid
//! out for one A4 sheet (a further page only if the day truly needs it).
//!
//! Text is set in DejaVu Sans (app/assets/fonts, Bitstream Vera licence), embedded and subset
//! by krilla, so accents, « guillemets », € and the narrow no-break spaces of French formats
//! print and copy as typed. Lines are wrapped by the font's own advance widths (skrifa).

use chrono::{DateTime, Utc};
use krilla::Document;
use krilla::geom::Point;
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::text::{Font, TextDirection};
use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size};

use super::model::RunSheet;
use crate::domain::datetime::{format_date, format_datetime, format_day, format_time, in_paris};
use crate::error::AppError;
use crate::i18n::fr as t;

static REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// A4 in points, and its margins.
const PAGE_WIDTH: f32 = 595.28;
const PAGE_HEIGHT: f32 = 841.89;
const MARGIN: f32 = 40.0;
const TEXT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
/// Where a timeline step's text starts, right of its time.
const TIME_COLUMN: f32 = 78.0;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Style {
    Title,
    Heading,
    Body,
    Strong,
    Small,
}

impl Style {
    fn size(self) -> f32 {
        match self {
            Style::Title => 16.0,
            Style::Heading => 11.0,
            Style::Body | Style::Strong => 9.5,
            Style::Small => 8.0,
        }
    }

    fn bold(self) -> bool {
        matches!(self, Style::Title | Style::Heading | Style::Strong)
    }

    fn line_height(self) -> f32 {
        self.size() * 1.35
    }

    /// Space above a line that starts a block.
    fn space_before(self) -> f32 {
        match self {
            Style::Heading => 9.0,
            _ => 0.0,
        }
    }
}

/// One line of the sheet, already wrapped: its text, where it starts, and optionally a word in
/// the left column (a step's time).
#[derive(Debug, Clone, PartialEq)]
struct Line {
    style: Style,
    indent: f32,
    left: Option<String>,
    text: String,
    space_before: f32,
}

/// The width of `text` in points, from the font's advances (missing glyphs count as nothing).
fn width(text: &str, style: Style) -> f32 {
    let Ok(font) = skrifa::FontRef::new(if style.bold() { BOLD } else { REGULAR }) else { return 0.0 };
    let charmap = font.charmap();
    let metrics = font.glyph_metrics(Size::new(style.size()), LocationRef::default());
    text.chars().filter_map(|c| charmap.map(c)).filter_map(|glyph| metrics.advance_width(glyph)).sum()
}

/// `text` cut into lines of at most `max` points, at spaces (a word longer than a line is cut
/// where it overflows). Line breaks in the text are kept.
fn wrap(text: &str, style: Style, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
            if width(&candidate, style) <= max {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // A word wider than the line: cut it by characters.
            for c in word.chars() {
                if !line.is_empty() && width(&format!("{line}{c}"), style) > max {
                    lines.push(std::mem::take(&mut line));
                }
                line.push(c);
            }
        }
        lines.push(line);
    }
    lines
}

/// Builds the lines of the sheet, top to bottom.
#[derive(Default)]
struct Sheet {
    lines: Vec<Line>,
}

impl Sheet {
    fn paragraph(&mut self, style: Style, indent: f32, left: Option<String>, text: &str) {
        for (i, text) in wrap(text, style, TEXT_WIDTH - indent).into_iter().enumerate() {
            let first = i == 0;
            self.lines.push(Line {
                style,
                indent,
                left: if first { left.clone() } else { None },
                text,
                space_before: if first { style.space_before() } else { 0.0 },
            });
        }
    }

    fn heading(&mut self, text: &str) {
        self.paragraph(Style::Heading, 0.0, None, text);
    }

    fn body(&mut self, text: &str) {
        self.paragraph(Style::Body, 0.0, None, text);
    }

    /// "Term : value".
    fn fact(&mut self, term: &str, value: &str) {
        self.body(&format!("{term} : {value}"));
    }
}

/// When a step happens, as its column shows it: the time on the event's first day, else the
/// day too ("15/06 01:00").
fn step_time(at: DateTime<Utc>, first_day: chrono::NaiveDate) -> String {
    let local = in_paris(at);
    if local.date_naive() == first_day { format_time(at) } else { local.format("%d/%m %H:%M").to_string() }
}

fn lines_of(sheet: &RunSheet, now: DateTime<Utc>) -> Vec<Line> {
    let event = &sheet.event;
    let mut out = Sheet::default();
    out.paragraph(Style::Title, 0.0, None, &format!("{} · {}", t::RUN_SHEET, event.title));
    out.body(&format!("{} · {}", event.client_name, sheet.company_name));
    out.paragraph(
        Style::Strong,
        0.0,
        None,
        &format!("{} → {}", format_datetime(event.starts_at), format_datetime(event.ends_at)),
    );
    if event.is_cancelled() {
        out.paragraph(Style::Strong, 0.0, None, crate::events::status::EventStatus::Cancelled.label());
    }

    out.heading(t::RUN_SHEET_PLACE);
    out.body(if event.location.is_empty() { t::RUN_SHEET_NOT_GIVEN } else { &event.location });
    if !sheet.fields.access_notes.is_empty() {
        out.body(&sheet.fields.access_notes);
    }

    out.heading(t::RUN_SHEET_PEOPLE);
    let onsite = match (&sheet.fields.onsite_contact_name, sheet.fields.onsite_contact_phone_display()) {
        (name, _) if name.is_empty() => t::RUN_SHEET_NOT_GIVEN.to_owned(),
        (name, Some(phone)) => format!("{name} · {phone}"),
        (name, None) => name.clone(),
    };
    out.fact(t::RUN_SHEET_ONSITE_CONTACT, &onsite);
    out.fact(t::SALES_CONTACT, &sheet.sales.line());
    let support = sheet.support.as_ref().map(|s| s.line()).unwrap_or_else(|| t::WITHOUT_SUPPORT.to_owned());
    out.fact(t::SUPPORT_CONTACT, &support);
    out.fact(t::ATTENDEES, &event.attendees.to_string());

    out.heading(t::RUN_SHEET_TIMELINE);
    if sheet.items.is_empty() {
        out.body(t::RUN_SHEET_NO_ITEMS);
    }
    let first_day = in_paris(event.starts_at).date_naive();
    for item in &sheet.items {
        let time = Some(step_time(item.at, first_day));
        out.paragraph(Style::Strong, TIME_COLUMN, time, &format!("{} — {}", item.label, item.kind.label()));
        if !item.details.is_empty() {
            out.paragraph(Style::Body, TIME_COLUMN, None, &item.details);
        }
    }

    if !event.notes.is_empty() {
        out.heading(t::NOTES);
        out.body(&event.notes);
    }

    out.heading(t::RUN_SHEET_FOLLOW_UPS);
    if sheet.follow_ups.is_empty() {
        out.body(t::RUN_SHEET_NO_FOLLOW_UPS);
    }
    for follow_up in &sheet.follow_ups {
        out.body(&format!("{} · {} ({})", format_day(follow_up.due_on), follow_up.title, follow_up.owner_name));
    }

    out.lines.push(Line {
        style: Style::Small,
        indent: 0.0,
        left: None,
        text: format!("{} {} à {}", t::PDF_GENERATED, format_date(now), format_time(now)),
        space_before: 12.0,
    });
    out.lines
}

/// The lines of each page, with the baseline of each line.
fn paginate(lines: Vec<Line>) -> Vec<Vec<(f32, Line)>> {
    let mut pages = vec![Vec::new()];
    let mut y = MARGIN;
    for line in lines {
        let mut next = y + line.space_before + line.style.line_height();
        if next > PAGE_HEIGHT - MARGIN && pages.last().is_some_and(|page| !page.is_empty()) {
            pages.push(Vec::new());
            next = MARGIN + line.style.line_height();
        }
        y = next;
        if let Some(page) = pages.last_mut() {
            page.push((y, line));
        }
    }
    pages
}

/// The run sheet of `sheet`'s event as a PDF document, dated `now`.
pub fn render(sheet: &RunSheet, now: DateTime<Utc>) -> Result<Vec<u8>, AppError> {
    let font = |data: &'static [u8]| Font::new(data.into(), 0).ok_or(AppError::Internal);
    let (regular, bold) = (font(REGULAR)?, font(BOLD)?);
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(format!("{} · {}", t::RUN_SHEET, sheet.event.title))
            .language(t::HTML_LANG.to_owned())
            .creator(t::APP_NAME.to_owned()),
    );
    let settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT).ok_or(AppError::Internal)?;
    for lines in paginate(lines_of(sheet, now)) {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        for (y, line) in lines {
            let font = if line.style.bold() { bold.clone() } else { regular.clone() };
            let size = line.style.size();
            if let Some(left) = &line.left {
                surface.draw_text(Point::from_xy(MARGIN, y), font.clone(), size, left, false, TextDirection::Auto);
            }
            let start = Point::from_xy(MARGIN + line.indent, y);
            surface.draw_text(start, font, size, &line.text, false, TextDirection::Auto);
        }
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|error| {
        tracing::error!(?error, "could not write a run sheet's PDF");
        AppError::Internal
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_wrap_within_the_page_and_keep_their_breaks() {
        let long = "Accès par le portail nord, puis suivre le fléchage « Livraisons » jusqu’au quai B ; ".repeat(4);
        let lines = wrap(&format!("{long}\nBadge à l’accueil"), Style::Body, 200.0);
        assert!(lines.len() > 4, "{lines:?}");
        assert!(lines.iter().all(|line| width(line, Style::Body) <= 200.0), "{lines:?}");
        assert_eq!(lines.last().map(String::as_str), Some("Badge à l’accueil"));
        let word = wrap(&"x".repeat(300), Style::Body, 100.0);
        assert!(word.len() > 1 && word.iter().all(|line| width(line, Style::Body) <= 100.0));
    }

    #[test]
    fn a_day_longer_than_a_page_goes_on_to_another() {
        let line = Line { style: Style::Body, indent: 0.0, left: None, text: "x".into(), space_before: 0.0 };
        let pages = paginate(vec![line; 80]);
        assert_eq!(pages.len(), 2);
        assert!(pages[0].iter().all(|(y, _)| *y <= PAGE_HEIGHT - MARGIN));
    }
}
