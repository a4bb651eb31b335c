//! Reading an uploaded file into rows, and checking each row as the client form does. Pure:
//! the duplicates already in the database are the service's.

use std::collections::HashMap;

use super::model::{Column, FileRefusal, MAX_ROWS, RowError, StagedRow};
use crate::clients::model::{ClientForm, ClientInput};
use crate::error::AppError;
use crate::i18n::fr as t;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The header names each column goes by, as `header_key` writes them (lowercase ASCII letters
/// and digits, accents folded): French and English, as spreadsheets and other CRMs export them.
const ALIASES: [(Column, &[&str]); 4] = [
    (
        Column::FullName,
        &["nom", "nomcomplet", "nomprenom", "prenomnom", "nomduclient", "fullname", "name", "contactname"],
    ),
    (Column::Email, &["email", "mail", "courriel", "adresseemail", "adressemail", "adressecourriel", "emailaddress"]),
    (Column::Phone, &["telephone", "tel", "numerodetelephone", "portable", "phone", "phonenumber", "mobile"]),
    (
        Column::Company,
        &[
            "entreprise",
            "societe",
            "raisonsociale",
            "nomdelentreprise",
            "organisation",
            "company",
            "companyname",
            "organization",
        ],
    ),
];

/// One data row of the file, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRow {
    /// The file's line where the row starts (1 is the header).
    pub line: u64,
    pub values: ClientForm,
}

/// The file's text: UTF-8, with or without a BOM. Anything else (Windows-1252, UTF-16…) is
/// refused rather than guessed, so that no accent is silently mangled.
pub fn decode(bytes: &[u8]) -> Result<&str, FileRefusal> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|_| FileRefusal::NotUtf8)
}

/// `;` (French spreadsheets) or `,`: whichever the header line has more of, outside quotes.
pub fn sniff_delimiter(text: &str) -> u8 {
    let (mut semicolons, mut commas, mut quoted) = (0, 0, false);
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            ';' if !quoted => semicolons += 1,
            ',' if !quoted => commas += 1,
            _ => {}
        }
    }
    if commas > semicolons { b',' } else { b';' }
}

/// A header as compared with the aliases: lowercase, accents folded, only letters and digits
/// ("E-mail" and "e_mail" are "email", "Téléphone" is "telephone").
pub fn header_key(header: &str) -> String {
    header
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' => 'i',
            'ô' | 'ö' | 'ó' | 'õ' => 'o',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'ç' => 'c',
            'ÿ' => 'y',
            'ñ' => 'n',
            other => other,
        })
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// Which header names a column.
pub fn column_of(header: &str) -> Option<Column> {
    let key = header_key(header);
    ALIASES.iter().find(|(_, names)| names.contains(&key.as_str())).map(|(column, _)| *column)
}

/// Each column's position among the headers; other headers are ignored. Every column is
/// required (as on the client form): the missing ones are named.
pub fn map_headers<'h>(headers: impl IntoIterator<Item = &'h str>) -> Result<[usize; 4], FileRefusal> {
    let mut found: HashMap<Column, usize> = HashMap::new();
    for (position, header) in headers.into_iter().enumerate() {
        if let Some(column) = column_of(header)
            && found.insert(column, position).is_some()
        {
            return Err(FileRefusal::RepeatedColumn(column));
        }
    }
    let missing: Vec<Column> = Column::ALL.into_iter().filter(|c| !found.contains_key(c)).collect();
    if !missing.is_empty() {
        return Err(FileRefusal::MissingColumns(missing));
    }
    Ok(Column::ALL.map(|c| found[&c]))
}

/// A cell a spreadsheet would run as a formula (`=HYPERLINK(…)`, `@SUM(…)`, `+1+1`, `-2+3`, or
/// a tab or carriage return first), refused rather than stored: the export neutralises such
/// text, but the file may be opened elsewhere, and a name never starts that way.
///
/// The phone column alone may start with `+`: a phone is kept only when `Phone::parse` reads
/// digits and separators in it, and stored as E.164 digits, so `+33 6 12 34 56 78` is a
/// number, and `+1+cmd|…` is refused by the phone rule anyway.
pub fn looks_like_formula(column: Column, cell: &str) -> bool {
    let triggers: &[char] = if column == Column::Phone { &['=', '-', '@'] } else { &['=', '+', '-', '@'] };
    cell.starts_with(['\t', '\r']) || cell.trim_start_matches(' ').starts_with(triggers)
}

/// The file's rows, or why the whole file is refused.
pub fn read(bytes: &[u8]) -> Result<Vec<FileRow>, FileRefusal> {
    let text = decode(bytes)?;
    if text.trim().is_empty() {
        return Err(FileRefusal::NoRows);
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sniff_delimiter(text))
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let malformed = |error: csv::Error| FileRefusal::Malformed { line: error.position().map_or(1, |p| p.line()) };
    let positions = map_headers(reader.headers().map_err(malformed)?.iter())?;
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(malformed)?;
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        if rows.len() == MAX_ROWS {
            return Err(FileRefusal::TooManyRows);
        }
        let cell = |column: Column| record.get(positions[column as usize]).unwrap_or_default().to_owned();
        rows.push(FileRow {
            line: record.position().map_or(0, |p| p.line()),
            values: ClientForm {
                full_name: cell(Column::FullName),
                email: cell(Column::Email),
                phone: cell(Column::Phone),
                company_name: cell(Column::Company),
            },
        });
    }
    if rows.is_empty() {
        return Err(FileRefusal::NoRows);
    }
    Ok(rows)
}

/// A row checked: its errors (formulas, the client form's rules, a row of the file it repeats)
/// and, when it has none, the client it would create.
pub struct Checked {
    pub row: StagedRow,
    pub input: Option<ClientInput>,
}

/// Checks every row as the client form does, and against the rows above it: a second row with
/// the same e-mail, or the same name and company, is an error (the first one stands).
pub fn check(rows: Vec<FileRow>) -> Vec<Checked> {
    let mut emails: HashMap<String, u64> = HashMap::new();
    let mut names: HashMap<(String, String), u64> = HashMap::new();
    rows.into_iter()
        .map(|FileRow { line, values }| {
            let mut errors: Vec<RowError> = Column::ALL
                .into_iter()
                .filter(|&c| looks_like_formula(c, c.of(&values)))
                .map(|c| RowError { column: Some(c), message: t::IMPORT_FORMULA.to_owned() })
                .collect();
            let input = match ClientInput::try_from(&values) {
                Ok(input) => Some(input),
                Err(AppError::Validation { errors: fields, .. }) => {
                    let blamed: Vec<Column> = errors.iter().filter_map(|e| e.column).collect();
                    errors.extend(fields.into_iter().filter_map(|(field, message)| {
                        let column = Column::from_field(&field);
                        (!column.is_some_and(|c| blamed.contains(&c))).then_some(RowError { column, message })
                    }));
                    None
                }
                Err(other) => {
                    errors.push(RowError { column: None, message: other.to_string() });
                    None
                }
            };
            if let Some(input) = input.as_ref().filter(|_| errors.is_empty()) {
                let name_key = (input.full_name.as_str().to_lowercase(), input.company_name.as_str().to_lowercase());
                if let Some(&first) = emails.get(input.email.as_str()) {
                    errors.push(RowError { column: Some(Column::Email), message: t::import_same_email_as_line(first) });
                } else if let Some(&first) = names.get(&name_key) {
                    errors.push(RowError { column: None, message: t::import_same_name_as_line(first) });
                } else {
                    emails.insert(input.email.as_str().to_owned(), line);
                    names.insert(name_key, line);
                }
            }
            let input = input.filter(|_| errors.is_empty());
            Checked { row: StagedRow { line, values, errors, duplicate: None }, input }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "Nom complet;E-mail;Téléphone;Entreprise\n\
        Jeanne Moreau;jeanne@exemple.fr;06 12 34 56 78;Château d’Èze\n";

    #[test]
    fn a_bom_is_skipped_and_other_encodings_refused() {
        let with_bom = [BOM, GOOD.as_bytes()].concat();
        assert_eq!(decode(&with_bom), Ok(GOOD));
        assert_eq!(decode(GOOD.as_bytes()), Ok(GOOD));
        // "Société" in Windows-1252, and UTF-16 with its BOM.
        assert_eq!(decode(b"Soci\xe9t\xe9;nom\n"), Err(FileRefusal::NotUtf8));
        assert_eq!(decode(b"\xff\xfeN\0o\0m\0"), Err(FileRefusal::NotUtf8));
        assert_eq!(read(b"nom;email;tel;societe\nJos\xe9;a@b.fr;0612345678;X\n"), Err(FileRefusal::NotUtf8));
    }

    #[test]
    fn the_delimiter_is_the_one_the_header_line_uses() {
        assert_eq!(sniff_delimiter("nom;email;telephone;entreprise\na,b;c"), b';');
        assert_eq!(sniff_delimiter("name,email,phone,company\na;b;c;d;e"), b',');
        assert_eq!(sniff_delimiter("\"Nom, prénom\";email;tel;société"), b';', "commas inside quotes do not count");
        assert_eq!(sniff_delimiter("nom"), b';');
        let rows =
            read(b"name,email,phone,company\nKevin Casey,kevin@startup.io,+1 415 555 0100,\"Cool, Inc\"\n").unwrap();
        assert_eq!(rows[0].values.company_name, "Cool, Inc");
        assert_eq!(rows[0].line, 2);
    }

    #[test]
    fn headers_are_recognised_in_french_and_english_whatever_their_case_and_accents() {
        for (header, column) in [
            ("Nom complet", Column::FullName),
            ("NOM", Column::FullName),
            ("full_name", Column::FullName),
            ("Name", Column::FullName),
            ("E-mail", Column::Email),
            ("email", Column::Email),
            ("Courriel", Column::Email),
            ("Adresse e-mail", Column::Email),
            ("Téléphone", Column::Phone),
            ("TELEPHONE", Column::Phone),
            ("phone", Column::Phone),
            ("Entreprise", Column::Company),
            ("Société", Column::Company),
            ("societe", Column::Company),
            ("Company", Column::Company),
            (" company_name ", Column::Company),
        ] {
            assert_eq!(column_of(header), Some(column), "{header}");
        }
        assert_eq!(column_of("Notes"), None);
        assert_eq!(map_headers(["Société", "Notes", "nom", "tel", "mail"]), Ok([2, 4, 3, 0]), "other columns ignored");
    }

    #[test]
    fn missing_and_repeated_columns_refuse_the_file() {
        assert_eq!(
            map_headers(["nom", "entreprise"]),
            Err(FileRefusal::MissingColumns(vec![Column::Email, Column::Phone]))
        );
        assert_eq!(
            map_headers(["nom", "email", "courriel", "tel", "société"]),
            Err(FileRefusal::RepeatedColumn(Column::Email))
        );
        assert_eq!(
            read(b"nom;email\nA;a@b.fr\n"),
            Err(FileRefusal::MissingColumns(vec![Column::Phone, Column::Company]))
        );
        assert_eq!(read(GOOD.lines().next().unwrap().as_bytes()), Err(FileRefusal::NoRows));
        assert_eq!(read(b""), Err(FileRefusal::NoRows));
        assert_eq!(read(b"Notes\nx\n"), Err(FileRefusal::MissingColumns(Column::ALL.to_vec())));
    }

    #[test]
    fn formulas_are_refused_but_an_international_phone_is_a_phone() {
        for formula in ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "  =1"] {
            assert!(looks_like_formula(Column::FullName, formula), "{formula:?}");
            assert!(looks_like_formula(Column::Company, formula), "{formula:?}");
        }
        assert!(!looks_like_formula(Column::Phone, "+33 6 12 34 56 78"));
        for formula in ["=1+1", "-1", "@A1", "\t+33"] {
            assert!(looks_like_formula(Column::Phone, formula), "{formula:?}");
        }
        for text in ["Jeanne Moreau", "a=b", "Château d’Èze", ""] {
            assert!(!looks_like_formula(Column::FullName, text), "{text:?}");
        }
    }

    #[test]
    fn each_row_is_checked_as_the_client_form_and_against_the_rows_above() {
        let file = "nom;email;téléphone;société\n\
            Jeanne Moreau;jeanne@exemple.fr;+33 6 12 34 56 78;Èze\n\
            =HYPERLINK(\"http://x\");x@exemple.fr;0612345678;Èze\n\
            Paul;pas-un-email;12;Èze\n\
            Autre Jeanne;JEANNE@exemple.fr;0612345678;Èze\n\
            jeanne  moreau;autre@exemple.fr;0612345678;èze\n\
            ;;;\n\
            Marc Petit;marc@exemple.fr;0612345679;Petit SA\n";
        let checked = check(read(file.as_bytes()).unwrap());
        let lines: Vec<u64> = checked.iter().map(|c| c.row.line).collect();
        assert_eq!(lines, [2, 3, 4, 5, 6, 8], "the empty line is left out, the others keep their line");
        assert!(checked[0].row.is_valid() && checked[0].input.as_ref().unwrap().phone.as_e164() == "+33612345678");
        assert_eq!(
            checked[1].row.errors,
            [RowError { column: Some(Column::FullName), message: t::IMPORT_FORMULA.into() }]
        );
        let columns: Vec<Option<Column>> = checked[2].row.errors.iter().map(|e| e.column).collect();
        assert_eq!(columns, [Some(Column::Email), Some(Column::Phone)], "{:?}", checked[2].row.errors);
        assert_eq!(checked[3].row.errors[0].message, t::import_same_email_as_line(2));
        assert_eq!(checked[4].row.errors[0].message, t::import_same_name_as_line(2));
        assert!(checked[1..5].iter().all(|c| c.input.is_none()));
        assert!(checked[5].row.is_valid());
    }

    #[test]
    fn a_file_of_more_rows_than_allowed_is_refused() {
        let mut file = String::from("nom,email,tel,societe\n");
        for n in 0..=MAX_ROWS {
            file.push_str(&format!("Client {n},c{n}@exemple.fr,0612345678,S\n"));
        }
        assert_eq!(read(file.as_bytes()), Err(FileRefusal::TooManyRows));
    }
}
