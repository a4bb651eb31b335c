//! `server generate-data`: loads a large, plausible French data set for benchmarks — by default
//! 100,000 clients, 3 contracts each and 1,000,000 events, plus 20 sales and 30 support
//! collaborators to spread them over.
//!
//! The rows are made by PostgreSQL itself (`generate_series` inside a few `insert … select`),
//! one transaction per table, through the application role (no DDL needed). Each step only adds
//! what is missing, so running it again on a loaded database changes nothing.

#![allow(
    clippy::disallowed_methods,
    reason = "a command-line load: a failed commit is reported to the operator as it is"
)]

use std::time::Instant;

use secrecy::ExposeSecret;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::{ConnectOptions, Connection, PgConnection};

use app::auth::password::{PasswordHasher, owasp_params};

use crate::cli_error::{Result, describe};
use crate::config::required_secret;
use crate::demo::DEMO_PASSWORD;

pub const USAGE: &str = "usage: server generate-data [--clients N] [--contracts-per-client M] [--events N]";

/// How much to load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub clients: i64,
    pub contracts_per_client: i32,
    pub events: i64,
}

impl Default for Options {
    fn default() -> Self {
        Options { clients: 100_000, contracts_per_client: 3, events: 1_000_000 }
    }
}

impl Options {
    pub fn parse(args: &[String]) -> std::result::Result<Self, String> {
        fn number<T: std::str::FromStr + PartialOrd + Default>(
            flag: &str,
            raw: Option<&String>,
            max: T,
        ) -> std::result::Result<T, String> {
            let raw = raw.ok_or(format!("{flag} needs a number\n{USAGE}"))?;
            match raw.replace('_', "").parse::<T>() {
                Ok(n) if n >= T::default() && n <= max => Ok(n),
                _ => Err(format!("{flag}: invalid number {raw:?}\n{USAGE}")),
            }
        }
        let mut options = Options::default();
        let mut rest = args.iter();
        while let Some(flag) = rest.next() {
            match flag.as_str() {
                "--clients" => options.clients = number(flag, rest.next(), 10_000_000)?,
                "--contracts-per-client" => options.contracts_per_client = number(flag, rest.next(), 100)?,
                "--events" => options.events = number(flag, rest.next(), 100_000_000)?,
                other => return Err(format!("unknown option {other:?}\n{USAGE}")),
            }
        }
        Ok(options)
    }
}

const FIRST_NAMES: [&str; 60] = [
    "Marie",
    "Jean",
    "Pierre",
    "Camille",
    "Léa",
    "Louis",
    "Chloé",
    "Lucas",
    "Manon",
    "Hugo",
    "Emma",
    "Gabriel",
    "Inès",
    "Arthur",
    "Jade",
    "Jules",
    "Louise",
    "Raphaël",
    "Alice",
    "Adam",
    "Lina",
    "Nathan",
    "Zoé",
    "Théo",
    "Clara",
    "Paul",
    "Anaïs",
    "Maxime",
    "Sarah",
    "Antoine",
    "Juliette",
    "Thomas",
    "Élise",
    "Nicolas",
    "Margaux",
    "Julien",
    "Charlotte",
    "Mathieu",
    "Pauline",
    "Alexandre",
    "Céline",
    "Sébastien",
    "Isabelle",
    "François",
    "Nathalie",
    "Philippe",
    "Sophie",
    "Olivier",
    "Valérie",
    "Laurent",
    "Hélène",
    "Benoît",
    "Aurélie",
    "Guillaume",
    "Mélanie",
    "Jérôme",
    "Émilie",
    "Stéphane",
    "Agathe",
    "Baptiste",
];

const LAST_NAMES: [&str; 80] = [
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefebvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "André",
    "Lefèvre",
    "Mercier",
    "Dupont",
    "Lambert",
    "Bonnet",
    "François",
    "Martinez",
    "Legrand",
    "Garnier",
    "Faure",
    "Rousseau",
    "Blanc",
    "Guérin",
    "Muller",
    "Henry",
    "Roussel",
    "Nicolas",
    "Perrin",
    "Morin",
    "Mathieu",
    "Clément",
    "Gauthier",
    "Dumont",
    "Lopez",
    "Fontaine",
    "Chevalier",
    "Robin",
    "Masson",
    "Sanchez",
    "Gérard",
    "Nguyen",
    "Boyer",
    "Denis",
    "Lemaire",
    "Duval",
    "Joly",
    "Gautier",
    "Roger",
    "Roche",
    "Roy",
    "Noël",
    "Meyer",
    "Lucas",
    "Meunier",
    "Fabre",
    "Perez",
    "Marchand",
    "Dufour",
    "Blanchard",
    "Caron",
    "Barbier",
    "Brun",
    "Dumas",
    "Brunet",
    "Schmitt",
    "Leroux",
    "Colin",
];

/// Company names: `{}` is a family name.
const COMPANY_PATTERNS: [&str; 18] = [
    "{} SARL",
    "{} SAS",
    "{} & Fils",
    "{} Événements",
    "{} Conseil",
    "{} et Associés",
    "Groupe {}",
    "Maison {}",
    "Atelier {}",
    "{} Industries",
    "{} Communication",
    "{} Immobilier",
    "Cabinet {}",
    "{} Distribution",
    "{} Frères",
    "Domaine {}",
    "{} Traiteur",
    "Transports {}",
];

const EMAIL_DOMAINS: [&str; 4] = ["exemple.fr", "exemple.com", "exemple.org", "exemple.net"];

const EVENT_KINDS: [&str; 16] = [
    "Mariage",
    "Séminaire",
    "Lancement produit",
    "Soirée de gala",
    "Conférence",
    "Anniversaire",
    "Assemblée générale",
    "Salon professionnel",
    "Team building",
    "Cocktail dînatoire",
    "Remise de prix",
    "Baptême",
    "Journée portes ouvertes",
    "Convention annuelle",
    "Dîner de fin d’année",
    "Inauguration",
];

const LOCATIONS: [&str; 24] = [
    "Paris — Pavillon Dauphine",
    "Paris — Salons de l’Hôtel de Ville",
    "Paris — Docks de Paris",
    "Lyon — Cité Internationale",
    "Lyon — Château de la Part-Dieu",
    "Marseille — Palais du Pharo",
    "Marseille — Les Terrasses du Port",
    "Bordeaux — Hangar 14",
    "Bordeaux — Château Pape Clément",
    "Nice — Palais de la Méditerranée",
    "Cannes — Palais des Festivals",
    "Nantes — La Cité des Congrès",
    "Lille — Grand Palais",
    "Strasbourg — Palais de la Musique et des Congrès",
    "Toulouse — Centre de Congrès Pierre Baudis",
    "Montpellier — Le Corum",
    "Annecy — Domaine du Lac",
    "Deauville — Centre International",
    "Reims — Domaine des Crayères",
    "Versailles — Orangerie du Château",
    "Rennes — Couvent des Jacobins",
    "Biarritz — Bellevue",
    "Dijon — Palais des Ducs",
    "Avignon — Palais des Papes",
];

/// Mostly empty: most events need no note.
const NOTES: [&str; 14] = [
    "",
    "",
    "",
    "",
    "",
    "",
    "Accès PMR à prévoir.",
    "Traiteur végétarien demandé.",
    "Parking réservé pour les invités.",
    "Prévoir un vestiaire.",
    "Sonorisation fournie par le client.",
    "Installation la veille au soir.",
    "Fleurs validées avec le client.",
    "Rappeler le client une semaine avant.",
];

/// Lowercase ASCII for email addresses: accents dropped, anything else but letters and digits
/// removed.
fn ascii_slug(name: &str) -> String {
    name.chars()
        .flat_map(|c| c.to_lowercase())
        .filter_map(|c| {
            Some(match c {
                'à' | 'â' | 'ä' | 'á' => 'a',
                'ç' => 'c',
                'é' | 'è' | 'ê' | 'ë' => 'e',
                'î' | 'ï' | 'í' => 'i',
                'ô' | 'ö' | 'ó' => 'o',
                'ù' | 'û' | 'ü' | 'ú' => 'u',
                'ÿ' => 'y',
                c if c.is_ascii_alphanumeric() => c,
                _ => return None,
            })
        })
        .collect()
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

fn slugs(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| ascii_slug(s)).collect()
}

const EXTRA_SALES: i32 = 20;
const EXTRA_SUPPORT: i32 = 30;

/// Which clients this generator made (the demo data and real clients are left alone): their
/// emails end with their number at one of the example domains.
const GENERATED_CLIENT: &str = r"c.email ~ '\.[0-9]+@exemple\.(fr|com|org|net)$'";

pub async fn run(args: &[String]) -> Result<()> {
    let options = Options::parse(args)?;
    // Every statement here is slow on purpose: sqlx would log each one, in full, as a warning.
    let connect: PgConnectOptions =
        required_secret("DATABASE_URL")?.expose_secret().parse::<PgConnectOptions>()?.disable_statement_logging();
    let pool = PgPoolOptions::new().max_connections(1).connect_with(connect).await?;
    generate(&pool, options).await
}

pub async fn generate(pool: &PgPool, options: Options) -> Result<()> {
    let started = Instant::now();
    let mut conn = pool.acquire().await?;

    let t = Instant::now();
    let added = collaborators(&mut conn).await?;
    println!("collaborators: {added} added ({:.1} s)", t.elapsed().as_secs_f64());

    let t = Instant::now();
    let existing: i64 = sqlx::query_scalar("select count(*) from client").fetch_one(&mut *conn).await?;
    if existing >= options.clients {
        println!("clients: the table already holds {existing} clients (>= {}): nothing to add", options.clients);
    } else {
        let wanted = options.clients - existing;
        println!("clients: inserting {wanted}…");
        let added = clients(&mut conn, existing, wanted).await?;
        println!("clients: {added} added ({:.1} s)", t.elapsed().as_secs_f64());
    }

    let t = Instant::now();
    let without: i64 = sqlx::query_scalar(&format!(
        "select count(*) from client c
         where {GENERATED_CLIENT} and not exists (select 1 from contract k where k.client_id = c.id)"
    ))
    .fetch_one(&mut *conn)
    .await?;
    if without == 0 || options.contracts_per_client == 0 {
        println!("contracts: every generated client already has contracts: nothing to add");
    } else {
        println!("contracts: inserting {} for {without} clients…", without * i64::from(options.contracts_per_client));
        let added = contracts(&mut conn, options.contracts_per_client).await?;
        println!("contracts: {added} added ({:.1} s)", t.elapsed().as_secs_f64());
    }

    let t = Instant::now();
    let existing: i64 = sqlx::query_scalar("select count(*) from event").fetch_one(&mut *conn).await?;
    if existing >= options.events {
        println!("events: the table already holds {existing} events (>= {}): nothing to add", options.events);
    } else {
        let wanted = options.events - existing;
        println!("events: inserting {wanted} (this is the long one)…");
        let added = events(&mut conn, wanted).await?;
        println!("events: {added} added ({:.1} s)", t.elapsed().as_secs_f64());
    }

    let t = Instant::now();
    if analyze(&mut conn).await? {
        println!("analyze: done ({:.1} s)", t.elapsed().as_secs_f64());
    } else {
        println!(
            "analyze: skipped — this role does not own the tables; run `vacuum analyze` as the owner \
             (autovacuum will get to it eventually)"
        );
    }
    println!("generate-data: finished in {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}

/// The same settings for each bulk transaction: reproducible random values, room for the big
/// hash joins, and days cut in Paris time.
async fn begin_bulk(conn: &mut PgConnection, seed: f64) -> Result<sqlx::Transaction<'_, sqlx::Postgres>> {
    let mut tx = conn.begin().await?;
    sqlx::query("set local work_mem = '256MB'").execute(&mut *tx).await?;
    sqlx::query("set local timezone = 'Europe/Paris'").execute(&mut *tx).await?;
    sqlx::query("select setseed($1)").bind(seed).execute(&mut *tx).await?;
    Ok(tx)
}

/// 20 extra sales and 30 extra support collaborators, all with the demo password.
async fn collaborators(conn: &mut PgConnection) -> Result<u64> {
    let hasher = PasswordHasher::new(owasp_params(), 1, 0);
    let hash = hasher.hash(DEMO_PASSWORD.into()).await.map_err(describe)?;
    let mut tx = conn.begin().await?;
    let added = sqlx::query(
        "insert into collaborator (employee_number, full_name, email, department, password_hash)
         select format('GEN-%s%s', d.letter, lpad(n::text, 2, '0')),
                f[1 + (n * 7 + d.shift) % cardinality(f)] || ' ' || l[1 + (n * 17 + d.shift) % cardinality(l)],
                format('%s%s@epic-events.fr', d.prefix, lpad(n::text, 2, '0')),
                d.code,
                $3
         from (values ('S', 'vendeur', 'sales', $4::int, 0), ('P', 'support', 'support', $5::int, 29))
                as d(letter, prefix, code, how_many, shift)
         cross join lateral generate_series(1, d.how_many) n
         cross join (select $1::text[] as f, $2::text[] as l) names
         on conflict do nothing",
    )
    .bind(strings(&FIRST_NAMES))
    .bind(strings(&LAST_NAMES))
    .bind(&hash)
    .bind(EXTRA_SALES)
    .bind(EXTRA_SUPPORT)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    tx.commit().await?;
    Ok(added)
}

/// `wanted` clients numbered from `first_number + 1` (the number keeps their emails unique),
/// spread evenly over the active sales collaborators.
async fn clients(conn: &mut PgConnection, first_number: i64, wanted: i64) -> Result<u64> {
    let mut tx = begin_bulk(conn, 0.11).await?;
    let sales: i64 = sqlx::query_scalar("select count(*) from collaborator where department = 'sales' and active")
        .fetch_one(&mut *tx)
        .await?;
    if sales == 0 {
        return Err("no active sales collaborator to give the clients to (run `server seed-demo` first)".into());
    }
    let added = sqlx::query(
        "with names as (
             select $1::text[] as f, $2::text[] as fa, $3::text[] as l, $4::text[] as la,
                    $5::text[] as patterns, $6::text[] as domains,
                    (select array_agg(id order by employee_number) from collaborator
                      where department = 'sales' and active) as sales
         ),
         g as materialized (
             select i,
                    1 + floor(random() * cardinality(f))::int as fi,
                    1 + floor(random() * cardinality(l))::int as li,
                    case when random() < 0.5 then 0 else 1 + floor(random() * cardinality(l))::int end as ci,
                    1 + floor(random() * cardinality(patterns))::int as pi,
                    1 + floor(random() * cardinality(domains))::int as di,
                    1 + floor(random() * cardinality(sales))::int as si,
                    now() - random() * interval '1095 days' as created_at,
                    random() as r_updated
             from names, generate_series($7::bigint + 1, $7::bigint + $8::bigint) i
         )
         insert into client (full_name, email, phone, company_name, sales_contact_id, created_at, updated_at)
         select f[fi] || ' ' || l[li],
                fa[fi] || '.' || la[li] || '.' || i || '@' || domains[di],
                '+33' || (6 + floor(random() * 2))::int || lpad(floor(random() * 100000000)::bigint::text, 8, '0'),
                replace(patterns[pi], '{}', l[case when ci = 0 then li else ci end]),
                sales[si],
                created_at,
                created_at + r_updated * (now() - created_at)
         from g, names
         order by created_at
         on conflict do nothing",
    )
    .bind(strings(&FIRST_NAMES))
    .bind(slugs(&FIRST_NAMES))
    .bind(strings(&LAST_NAMES))
    .bind(slugs(&LAST_NAMES))
    .bind(strings(&COMPANY_PATTERNS))
    .bind(strings(&EMAIL_DOMAINS))
    .bind(first_number)
    .bind(wanted)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    tx.commit().await?;
    Ok(added)
}

/// `per_client` contracts for every client that has none, with the client's sales contact:
/// about 70 % signed (by that sales contact), about a third fully paid, unsigned ones unpaid and
/// half of them proposed.
/// Each has a schedule (signed: 30 % at signing, the rest 30 days before the first event;
/// unsigned: the whole total on the day of the first event) and, when signed, its payments:
/// what remains is derived from them, as everywhere.
async fn contracts(conn: &mut PgConnection, per_client: i32) -> Result<u64> {
    let mut tx = begin_bulk(conn, 0.22).await?;
    sqlx::query(&format!(
        "create temp table generated_contract on commit drop as
         with g as materialized (
             select gen_random_uuid() as id, c.id as client_id, c.sales_contact_id,
                    c.created_at + random() * (now() - c.created_at) as created_at,
                    random() < 0.7 as signed,
                    random() as r_paid, random() as r_remaining, random() as r_signed, random() as r_updated,
                    -- 500 € to 200,000 €, small contracts far more common, whole euros.
                    (500 + floor(power(random(), 3) * 199500))::bigint * 100 as total
             from client c
             cross join generate_series(1, $1::int) n
             where {GENERATED_CLIENT} and not exists (select 1 from contract x where x.client_id = c.id)
         ),
         s as (
             select *,
                    case when signed
                         then created_at + r_signed * least(now() - created_at, interval '30 days') end as signed_at
             from g
         ),
         p as (
             -- The proposal went out before the signature; half the unsigned ones are proposed.
             select *,
                    -- (Halfway in seconds: a day added in Paris time may be 23 or 25 hours; `least`, for
                    -- the rounding of a float.)
                    case when signed then least(signed_at, to_timestamp((extract(epoch from created_at) + extract(epoch from signed_at)) / 2))
                         when r_paid < 0.5 then created_at + r_remaining * (now() - created_at) end as proposed_at
             from s
         )
         select *,
                case when not signed then 0
                     when r_paid < 0.45 then total
                     else total - floor(total / 100 * r_remaining)::bigint * 100 end as paid
         from p"
    ))
    .bind(per_client)
    .execute(&mut *tx)
    .await?;
    // The payments first (their contract's key is checked at commit): the contract's insert
    // then derives its remaining amount, and no later update moves its last change.
    sqlx::query("set constraints payment_contract_fkey deferred").execute(&mut *tx).await?;
    sqlx::query(
        "insert into payment (contract_id, sales_contact_id, paid_on, amount_cents, method, created_at)
         select id, sales_contact_id, (signed_at at time zone 'Europe/Paris')::date, paid, 'transfer', signed_at
         from generated_contract where paid > 0",
    )
    .execute(&mut *tx)
    .await?;
    let added = sqlx::query(
        "insert into contract (id, client_id, sales_contact_id, total_cents, remaining_cents, proposed_at, signed_at,
                               signed_by, created_at, updated_at)
         select id, client_id, sales_contact_id, total, total - paid, proposed_at, signed_at,
                case when signed then sales_contact_id end,
                created_at,
                coalesce(signed_at, created_at) + r_updated * (now() - coalesce(signed_at, created_at))
         from generated_contract
         -- Rows land in the order they would have been typed in.
         order by created_at",
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    sqlx::query(
        "insert into payment_milestone (contract_id, position, label, share, percent_bp, amount_cents, due_kind,
                                        days_from_event)
         select id, 1, 'Acompte', 'percent', 3000, total * 3000 / 10000, 'signing', null
           from generated_contract where signed
         union all
         select id, case when signed then 2 else 1 end, 'Solde', 'rest', null,
                total - case when signed then total * 3000 / 10000 else 0 end, 'event',
                case when signed then -30 else 0 end
           from generated_contract",
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query("select payment_schedule_refresh(array(select id from generated_contract))").execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(added)
}

/// `wanted` events on signed contracts picked at random, between a year ago and a year ahead
/// (never before the signature), 80 % with a support contact.
async fn events(conn: &mut PgConnection, wanted: i64) -> Result<u64> {
    let mut tx = begin_bulk(conn, 0.33).await?;
    let signed: i64 =
        sqlx::query_scalar("select count(*) from contract where signed_at is not null").fetch_one(&mut *tx).await?;
    if signed == 0 {
        println!("events: no signed contract: nothing to add");
        return Ok(0);
    }
    let added = sqlx::query(&format!(
        "with lists as (
             select $1::text[] as kinds, $2::text[] as locations, $3::text[] as notes,
                    coalesce((select array_agg(id order by employee_number) from collaborator
                               where department = 'support' and active), '{{}}') as supports
         ),
         signed as materialized (
             select row_number() over () as rn, k.id, k.client_id, k.signed_at, c.company_name,
                    greatest(k.signed_at, now() - interval '365 days') as window_start
             from contract k join client c on c.id = k.client_id
             where k.signed_at is not null and {GENERATED_CLIENT}
         ),
         picks as materialized (
             select i,
                    1 + floor(random() * (select count(*) from signed))::bigint as rn,
                    1 + floor(random() * cardinality(kinds))::int as ki,
                    1 + floor(random() * cardinality(locations))::int as li,
                    1 + floor(random() * cardinality(notes))::int as ni,
                    case when random() < 0.8 and cardinality(supports) > 0
                         then 1 + floor(random() * cardinality(supports))::int end as si,
                    random() as r_day,
                    make_interval(hours => 8 + floor(random() * 13)::int, mins => 15 * floor(random() * 4)::int)
                        as time_of_day,
                    make_interval(hours => 2 + floor(random() * 47)::int) as duration,
                    5 + floor(power(random(), 2) * 1996)::int as attendees,
                    random() as r_created, random() as r_updated
             from lists, generate_series(1, $4::bigint) i
         ),
         e as (
             select s.id as contract_id, s.client_id,
                    kinds[ki] || ' — ' || s.company_name as title,
                    date_trunc('day', s.window_start + p.r_day * (now() + interval '365 days' - s.window_start))
                        + p.time_of_day as starts_at,
                    p.duration, locations[li] as location, p.attendees, notes[ni] as notes,
                    supports[si] as support_contact_id,
                    s.signed_at, p.r_created, p.r_updated
             from picks p join signed s using (rn), lists
         ),
         c as (
             select *,
                    signed_at + r_created * greatest(least(now(), starts_at) - signed_at, interval '0') as created_at
             from e
         )
         insert into event (contract_id, client_id, title, starts_at, ends_at, location, attendees, notes,
                            support_contact_id, created_at, updated_at)
         select contract_id, client_id, left(title, 120), starts_at, starts_at + duration, location, attendees,
                notes, support_contact_id, created_at, created_at + r_updated * (now() - created_at)
         from c
         order by created_at"
    ))
    .bind(strings(&EVENT_KINDS))
    .bind(strings(&LOCATIONS))
    .bind(strings(&NOTES))
    .bind(wanted)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    tx.commit().await?;
    Ok(added)
}

/// Refreshes the planner's statistics when this role may (it must own the tables); false when
/// it may not.
async fn analyze(conn: &mut PgConnection) -> Result<bool> {
    let may: bool = sqlx::query_scalar(
        "select coalesce(bool_and(pg_has_role(current_user, c.relowner, 'USAGE')), false)
             or (select rolsuper from pg_roles where rolname = current_user)
         from pg_class c
         where c.oid in ('collaborator'::regclass, 'client'::regclass, 'contract'::regclass, 'event'::regclass)",
    )
    .fetch_one(&mut *conn)
    .await?;
    if !may {
        return Ok(false);
    }
    match sqlx::query("analyze collaborator, client, contract, event").execute(&mut *conn).await {
        Ok(_) => Ok(true),
        Err(error) => {
            println!("analyze failed: {error}");
            Ok(false)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn defaults_are_the_benchmark_sizes() {
        assert_eq!(
            Options::parse(&[]).unwrap(),
            Options { clients: 100_000, contracts_per_client: 3, events: 1_000_000 }
        );
    }

    #[test]
    fn options_are_read_in_any_order() {
        let options =
            Options::parse(&args(&["--events", "1_000", "--clients", "50", "--contracts-per-client", "2"])).unwrap();
        assert_eq!(options, Options { clients: 50, contracts_per_client: 2, events: 1000 });
    }

    #[test]
    fn bad_options_are_refused() {
        assert!(Options::parse(&args(&["--clients"])).is_err());
        assert!(Options::parse(&args(&["--clients", "-3"])).is_err());
        assert!(Options::parse(&args(&["--clients", "many"])).is_err());
        assert!(Options::parse(&args(&["--contracts-per-client", "1000"])).is_err());
        assert!(Options::parse(&args(&["--verbose"])).is_err());
    }

    #[test]
    fn email_parts_are_lowercase_ascii() {
        assert_eq!(ascii_slug("Élise"), "elise");
        assert_eq!(ascii_slug("Noël"), "noel");
        assert_eq!(ascii_slug("François"), "francois");
        for name in FIRST_NAMES.iter().chain(LAST_NAMES.iter()) {
            let slug = ascii_slug(name);
            assert!(!slug.is_empty() && slug.chars().all(|c| c.is_ascii_lowercase()), "{name} → {slug}");
        }
    }
}
