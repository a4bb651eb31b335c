//! Demo clients, contracts and events, created through the same services as the pages (so
//! they carry their audit history). Loaded by `server seed-demo` only when no client exists;
//! the demo accounts, loaded when missing.

use std::sync::Arc;

use app::auth::password::{PasswordHasher, owasp_params};
use app::auth::{Actor, Department};
use app::clients::model::ClientForm;
use app::clients::service as clients;
use app::clock::SystemClock;
use app::collaborators::{self, model::NewCollaborator};
use app::contracts::model::AmountsForm;
use app::contracts::service as contracts;
use app::contracts::stage::ContractStage;
use app::debriefs::model::DebriefForm;
use app::debriefs::service as debriefs;
use app::domain::datetime::paris_today;
use app::domain::{ContractId, EventId, FollowUpTitle, Phone};
use app::events::lifecycle;
use app::events::model::EventForm;
use app::events::service as events;
use app::events::status::EventStatus;
use app::follow_ups::model::{FollowUpForm, FollowUpInput};
use app::follow_ups::service as follow_ups;
use app::notes::model::NoteForm;
use app::notes::service as notes;
use app::payments::model::{MilestoneForm, PaymentForm};
use app::payments::service as payments;
use app::records::RecordRef;
use app::run_sheet::model::{RunSheetForm, TimelineItemForm};
use app::run_sheet::service as run_sheets;
use app::state::{AppParts, AppState};
use sqlx::PgPool;

use crate::cli_error::{Result, describe};

/// The demo accounts the README, the demos and the end-to-end tests rely on.
pub const DEMO_PASSWORD: &str = "EpicEvents-Demo-2026";
pub const DEMO_ACCOUNTS: [(&str, &str, &str, Department); 5] = [
    ("EE-0001", "Gabrielle Gestion", "gestion@epic-events.fr", Department::Management),
    ("EE-0101", "Camille Commerce", "commercial@epic-events.fr", Department::Sales),
    ("EE-0102", "Hugo Vendeur", "commercial2@epic-events.fr", Department::Sales),
    ("EE-0201", "Sarah Support", "support@epic-events.fr", Department::Support),
    ("EE-0202", "Yanis Assistance", "support2@epic-events.fr", Department::Support),
];

/// The demo accounts' work phones (the run sheets give them).
const DEMO_PHONES: [(&str, &str); 4] = [
    ("commercial@epic-events.fr", "06 10 20 30 40"),
    ("commercial2@epic-events.fr", "06 11 21 31 41"),
    ("support@epic-events.fr", "06 50 60 70 80"),
    ("support2@epic-events.fr", "06 51 61 71 81"),
];

/// A demo event's run sheet, filled by its support: the access notes, the client's contact on
/// site, and the steps of the day (days from today, time, kind, label, details).
struct DemoRunSheet {
    event: &'static str,
    access_notes: &'static str,
    contact: (&'static str, &'static str),
    steps: &'static [((i64, &'static str), &'static str, &'static str, &'static str)],
}

const RUN_SHEETS: &[DemoRunSheet] = &[DemoRunSheet {
    event: "Lancement Cool Startup",
    access_notes: "Portail nord, puis parking des prestataires. Quai de livraison derrière l’orangerie ; badge à retirer à l’accueil.",
    contact: ("Marc Lefèvre, régisseur du château", "06 23 45 67 89"),
    steps: &[
        (
            (2, "11:00"),
            "setup",
            "Livraison et installation du matériel",
            "Son, lumières, buffet : quai de l’orangerie.",
        ),
        ((2, "13:30"), "setup", "Balance son avec le DJ", ""),
        ((2, "14:00"), "doors", "Ouverture des portes", "Vestiaire et accueil des invités."),
        ((2, "15:00"), "programme", "Discours de lancement", "Kevin Casey, 15 minutes, micro sans fil."),
        ((2, "19:00"), "programme", "Buffet et soirée DJ", ""),
        ((2, "23:00"), "teardown", "Démontage", "Libérer la salle avant 01:00."),
    ],
}];

/// Loads the demo accounts, then demo clients, contracts and events; running it again changes
/// nothing.
pub async fn seed_demo(pool: &PgPool, hasher: &PasswordHasher) -> Result<usize> {
    let mut created = 0;
    for (number, name, email, department) in DEMO_ACCOUNTS {
        if collaborators::repo::email_exists(pool, email).await? {
            continue;
        }
        let new = NewCollaborator::parse(number, name, email, department).map_err(describe)?;
        let hash = hasher.hash(DEMO_PASSWORD.into()).await.map_err(describe)?;
        let id = collaborators::repo::insert(pool, &new, &hash).await.map_err(describe)?;
        if let Some((_, phone)) = DEMO_PHONES.iter().find(|(with, _)| *with == email) {
            collaborators::repo::set_phone(pool, id, Some(&Phone::parse(phone)?)).await?;
        }
        created += 1;
    }
    seed_crm(pool).await?;
    Ok(created)
}

/// The demo accounts that still open with the published demo password: on a real deployment,
/// anyone who read the README could sign in with them.
pub async fn demo_accounts_with_demo_password(pool: &PgPool, hasher: &PasswordHasher) -> Result<Vec<&'static str>> {
    let mut open = Vec::new();
    for (_, _, email, _) in DEMO_ACCOUNTS {
        let account = collaborators::repo::find_credentials(pool, email).await?;
        let Some(hash) = account.filter(|a| a.active).map(|a| a.password_hash) else { continue };
        let admission = hasher.admit().map_err(describe)?;
        let verified = hasher.verify(admission, Some(hash), DEMO_PASSWORD.into()).await.map_err(describe)?;
        if verified != app::auth::password::Verified::No {
            open.push(email);
        }
    }
    Ok(open)
}

/// An event of the demo, dated from the day the demo is loaded: so many days ahead (or ago, for
/// one already over), at a time of day (Paris), so that a newcomer's home page and calendar are
/// full whenever they look.
struct DemoEvent {
    title: &'static str,
    starts: (i64, &'static str),
    ends: (i64, &'static str),
    location: &'static str,
    attendees: &'static str,
    notes: &'static str,
    support: Option<&'static str>,
    /// What the demo shows of the event's life: confirmed, cancelled (why), or its support
    /// booked although already busy (why).
    state: DemoState,
}

#[derive(Clone, Copy)]
enum DemoState {
    Planned,
    Confirmed,
    Cancelled(&'static str),
    /// Its support already has an event too close; management booked them anyway.
    BookedTwice(&'static str),
}

struct DemoClient {
    seller: &'static str,
    full_name: &'static str,
    email: &'static str,
    phone: &'static str,
    company: &'static str,
    /// (total, stage, events); what remains follows from the payments of `SCHEDULES`.
    contracts: &'static [(&'static str, ContractStage, &'static [DemoEvent])],
    /// (kind, text) of the notes its salesperson wrote on the client, oldest first.
    notes: &'static [(&'static str, &'static str)],
    /// (what, due in so many days: negative is overdue) of its salesperson's follow-ups.
    follow_ups: &'static [(&'static str, i64)],
}

const CLIENTS: &[DemoClient] = &[
    DemoClient {
        follow_ups: &[("Relancer pour le solde de 20 000 €", -2), ("Envoyer le plan de table", 0)],
        notes: &[
            ("call", "Premier appel : lancement produit en décembre, 300 invités, budget serré."),
            ("email", "Devis envoyé, relance prévue la semaine prochaine."),
        ],
        seller: "commercial@epic-events.fr",
        full_name: "Kevin Casey",
        email: "kevin@startup.io",
        phone: "06 12 34 56 78",
        company: "Cool Startup LLC",
        contracts: &[(
            "40 000",
            ContractStage::Signed,
            &[
                DemoEvent {
                    title: "Lancement Cool Startup",
                    starts: (2, "14:00"),
                    ends: (2, "23:00"),
                    location: "53 rue du Château, 41120 Candé-sur-Beuvron",
                    attendees: "75",
                    notes: "Soirée de lancement : DJ, buffet, photographe.",
                    support: Some("support@epic-events.fr"),
                    state: DemoState::Confirmed,
                },
                DemoEvent {
                    title: "Conférence de presse Cool Startup",
                    starts: (2, "10:00"),
                    ends: (2, "13:00"),
                    location: "53 rue du Château, 41120 Candé-sur-Beuvron",
                    attendees: "20",
                    notes: "Le matin du lancement, dans la même salle.",
                    support: Some("support@epic-events.fr"),
                    state: DemoState::BookedTwice("Même salle que le lancement de l’après-midi : aucun déplacement."),
                },
                DemoEvent {
                    title: "Afterwork Cool Startup",
                    starts: (9, "18:30"),
                    ends: (9, "22:00"),
                    location: "Le Comptoir, 12 rue Nationale, 37000 Tours",
                    attendees: "0",
                    notes: "Nombre d’invités à confirmer par le client.",
                    support: None,
                    state: DemoState::Planned,
                },
            ],
        )],
    },
    DemoClient {
        follow_ups: &[("Faire signer le contrat", 3)],
        notes: &[("meeting", "Rendez-vous au bureau : cherchent un lieu près de Lyon pour le séminaire.")],
        seller: "commercial@epic-events.fr",
        full_name: "Jeanne Moreau",
        email: "jeanne.moreau@maison-moreau.fr",
        phone: "01 42 68 53 00",
        company: "Maison Moreau",
        contracts: &[("12 500", ContractStage::Proposal, &[])],
    },
    DemoClient {
        follow_ups: &[("Proposer deux dates pour la visite", 9)],
        notes: &[],
        seller: "commercial@epic-events.fr",
        full_name: "Chloé Martin",
        email: "chloe.martin@martin-associes.fr",
        phone: "07 81 22 45 90",
        company: "Martin & Associés",
        contracts: &[(
            "8 900,50",
            ContractStage::Signed,
            &[
                DemoEvent {
                    title: "Soirée des dix ans Martin & Associés",
                    starts: (-40, "19:00"),
                    ends: (-40, "23:30"),
                    location: "Pavillon Ledoyen, 75008 Paris",
                    attendees: "120",
                    notes: "Cocktail dînatoire, discours du fondateur à 20 h.",
                    support: Some("support2@epic-events.fr"),
                    state: DemoState::Planned,
                },
                DemoEvent {
                    title: "Exposition des dix ans Martin & Associés",
                    starts: (-1, "10:00"),
                    ends: (12, "19:00"),
                    location: "Showroom Martin & Associés, 12 rue du Bac, 75007 Paris",
                    attendees: "300",
                    notes: "Exposition ouverte au public pendant deux semaines : en cours sur le tableau.",
                    support: None,
                    state: DemoState::Planned,
                },
                DemoEvent {
                    title: "Séminaire annuel Martin & Associés",
                    starts: (50, "09:00"),
                    ends: (51, "17:00"),
                    location: "Domaine de Chantilly, 60500 Chantilly",
                    attendees: "40",
                    notes: "",
                    support: None,
                    state: DemoState::Planned,
                },
                DemoEvent {
                    title: "Visite du domaine de Chantilly",
                    starts: (6, "10:00"),
                    ends: (6, "12:00"),
                    location: "Domaine de Chantilly, 60500 Chantilly",
                    attendees: "4",
                    notes: "Repérage des salles avec le client.",
                    support: Some("support2@epic-events.fr"),
                    state: DemoState::Confirmed,
                },
                DemoEvent {
                    title: "Déjeuner d’équipe Martin & Associés",
                    starts: (16, "12:00"),
                    ends: (16, "14:30"),
                    location: "Brasserie du Parc, 69006 Lyon",
                    attendees: "25",
                    notes: "",
                    support: None,
                    state: DemoState::Cancelled("Le client reporte le déjeuner à l’automne."),
                },
            ],
        )],
    },
    DemoClient {
        follow_ups: &[("Relancer pour le devis des navettes", -5)],
        notes: &[
            ("call", "Appel : veulent un orchestre et des navettes depuis Nice."),
            ("note", "Préfère être appelé le matin."),
        ],
        seller: "commercial@epic-events.fr",
        full_name: "Lucas Bernard",
        email: "lucas.bernard@atelier-bernard.fr",
        phone: "06 55 44 33 22",
        company: "Atelier Bernard",
        contracts: &[("6 000", ContractStage::Prospect, &[])],
    },
    DemoClient {
        follow_ups: &[],
        notes: &[],
        seller: "commercial2@epic-events.fr",
        full_name: "Élodie Petit",
        email: "elodie.petit@petit-et-fils.fr",
        phone: "+33 4 72 10 20 30",
        company: "Petit & Fils",
        contracts: &[(
            "25 000",
            ContractStage::Signed,
            &[
                DemoEvent {
                    title: "Mariage Petit",
                    starts: (190, "15:00"),
                    ends: (191, "03:00"),
                    location: "Château de la Chèvre d’Or, 06360 Èze",
                    attendees: "180",
                    notes: "Mariage : orchestre, traiteur, navettes depuis Nice.",
                    support: Some("support2@epic-events.fr"),
                    state: DemoState::Planned,
                },
                DemoEvent {
                    title: "Essai du menu, mariage Petit",
                    starts: (13, "12:30"),
                    ends: (13, "15:00"),
                    location: "Château de la Chèvre d’Or, 06360 Èze",
                    attendees: "6",
                    notes: "",
                    support: Some("support2@epic-events.fr"),
                    state: DemoState::Planned,
                },
                DemoEvent {
                    title: "Dégustation des vins, mariage Petit",
                    starts: (50, "11:00"),
                    ends: (50, "12:30"),
                    location: "Domaine de Chantilly, 60500 Chantilly",
                    attendees: "6",
                    notes: "Au domaine pendant le séminaire de Martin & Associés : prévoir une salle à part.",
                    support: None,
                    state: DemoState::Planned,
                },
                DemoEvent {
                    title: "Répétition, mariage Petit",
                    starts: (27, "17:00"),
                    ends: (27, "19:00"),
                    location: "Château de la Chèvre d’Or, 06360 Èze",
                    attendees: "20",
                    notes: "",
                    support: None,
                    state: DemoState::Planned,
                },
            ],
        )],
    },
    DemoClient {
        follow_ups: &[],
        notes: &[],
        seller: "commercial2@epic-events.fr",
        full_name: "Antoine Dubois",
        email: "antoine.dubois@dubois-conseil.fr",
        phone: "06 98 76 54 32",
        company: "Dubois Conseil",
        contracts: &[],
    },
];

async fn actor(pool: &PgPool, email: &str) -> Result<Actor> {
    Ok(collaborators::repo::find_active_by_email(pool, email).await?.ok_or(sqlx::Error::RowNotFound)?)
}

/// Returns how many clients were created (0 when clients already exist).
async fn seed_crm(pool: &PgPool) -> Result<usize> {
    let existing: i64 = sqlx::query_scalar("select count(*) from client").fetch_one(pool).await?;
    if existing > 0 {
        return Ok(0);
    }
    let state = AppState::new(AppParts {
        leptos_options: leptos::config::get_configuration(None)?.leptos_options,
        pool: pool.clone(),
        replica: None,
        clock: Arc::new(SystemClock),
        hasher: Arc::new(PasswordHasher::new(owasp_params(), 1, 0)),
        password_seal: Arc::new(app::collaborators::reveal::PasswordSeal::random()),
        actors: Arc::new(app::auth::actor_cache::ActorCache::new(app::auth::actor_cache::DEFAULT_TTL)),
        recent_counts: Arc::new(app::listing_sql::RecentCounts::standard()),
        trusted_proxies: Default::default(),
        public_origin: String::new(),
        exports: app::state::export_slots(),
        notifications: Default::default(),
    });
    let manager = actor(pool, "gestion@epic-events.fr").await?;
    for demo in CLIENTS {
        let seller = actor(pool, demo.seller).await?;
        let form = ClientForm {
            full_name: demo.full_name.into(),
            email: demo.email.into(),
            phone: demo.phone.into(),
            company_name: demo.company.into(),
        };
        let client_id = clients::create(&state, &seller, &form, None).await.map_err(describe)?;
        for (kind, body) in demo.notes {
            let note = NoteForm { kind: (*kind).into(), body: (*body).into() };
            notes::add(&state, &seller, RecordRef::Client(client_id), &note, None).await.map_err(describe)?;
        }
        for (title, days) in demo.follow_ups {
            demo_follow_up(&state, &seller, RecordRef::Client(client_id), title, *days).await?;
        }
        for (total, stage, demo_events) in demo.contracts {
            let amounts = AmountsForm { total: (*total).into() };
            let contract_id = contracts::create(&state, &seller, client_id, &amounts, None).await.map_err(describe)?;
            // The schedule is agreed before the signature, which locks it.
            let schedule = SCHEDULES.iter().find(|s| s.client == demo.full_name);
            if let Some(schedule) = schedule {
                demo_milestones(&state, &seller, contract_id, schedule.milestones).await?;
            }
            if *stage != ContractStage::Prospect {
                let version = contracts::get(&state, contract_id).await.map_err(describe)?.version;
                contracts::move_to_stage(&state, &seller, contract_id, version, *stage).await.map_err(describe)?;
            }
            for e in *demo_events {
                let form = EventForm {
                    title: e.title.into(),
                    starts_at: demo_time(&state, e.starts),
                    ends_at: demo_time(&state, e.ends),
                    location: e.location.into(),
                    attendees: e.attendees.into(),
                    notes: e.notes.into(),
                };
                let event_id = events::create(&state, &seller, contract_id, &form, None).await.map_err(describe)?;
                if let Some(support) = e.support {
                    let support = actor(pool, support).await?;
                    let override_reason = match e.state {
                        DemoState::BookedTwice(reason) => Some(reason),
                        _ => None,
                    };
                    events::assign_support(&state, &manager, event_id, 1, Some(support.id), override_reason)
                        .await
                        .map_err(describe)?;
                    if e.starts.0 >= 0 {
                        let title = "Confirmer les horaires avec le lieu";
                        demo_follow_up(&state, &support, RecordRef::Event(event_id), title, 1).await?;
                    }
                    demo_debrief(&state, &support, event_id, e.title).await?;
                }
                demo_state(&state, &seller, event_id, e.state).await?;
                if let Some(sheet) = RUN_SHEETS.iter().find(|sheet| sheet.event == e.title) {
                    demo_run_sheet(&state, e.support, event_id, sheet).await?;
                }
            }
            if let Some(schedule) = schedule {
                demo_payments(&state, &seller, contract_id, schedule.payments).await?;
            }
        }
    }
    Ok(CLIENTS.len())
}

/// Confirms or cancels a demo event as its salesperson would.
async fn demo_state(state: &AppState, seller: &Actor, event_id: EventId, demo: DemoState) -> Result<()> {
    let (target, reason) = match demo {
        DemoState::Planned | DemoState::BookedTwice(_) => return Ok(()),
        DemoState::Confirmed => (EventStatus::Confirmed, None),
        DemoState::Cancelled(reason) => (EventStatus::Cancelled, Some(reason)),
    };
    let version = events::get(state, event_id).await.map_err(describe)?.version;
    lifecycle::move_to(state, seller, event_id, version, target, reason).await.map_err(describe)?;
    Ok(())
}

/// A milestone of the demo: (label, share, value, due, fixed day as days from today, days from
/// the first event), as the schedule's form takes them.
type DemoMilestone = (&'static str, &'static str, &'static str, &'static str, i64, &'static str);

/// A demo client's schedule: milestones replacing the default "Solde", then payments (days ago,
/// amount).
struct DemoSchedule {
    client: &'static str,
    milestones: &'static [DemoMilestone],
    payments: &'static [(i64, &'static str)],
}

/// Kevin Casey's solde is late, Élodie Petit's falls due within 30 days, Chloé Martin has paid
/// everything.
const SCHEDULES: &[DemoSchedule] = &[
    DemoSchedule {
        client: "Kevin Casey",
        milestones: &[
            ("Acompte à la commande", "percent", "50", "fixed", -30, ""),
            ("Solde", "rest", "", "event", 0, "-7"),
        ],
        payments: &[(28, "20 000")],
    },
    DemoSchedule {
        client: "Chloé Martin",
        milestones: &[("Acompte", "percent", "30", "signing", 0, ""), ("Solde", "rest", "", "event", 0, "-30")],
        payments: &[(0, "2 670,15"), (0, "6 230,35")],
    },
    DemoSchedule {
        client: "Élodie Petit",
        milestones: &[
            ("Acompte à la commande", "percent", "30", "fixed", -20, ""),
            ("Deuxième acompte", "percent", "40", "fixed", -5, ""),
            ("Solde", "rest", "", "event", 0, "0"),
        ],
        payments: &[(18, "7 500"), (4, "12 500")],
    },
];

/// Replaces a demo contract's default "Solde" by its milestones, through the same services as
/// the pages.
async fn demo_milestones(
    state: &AppState,
    seller: &Actor,
    contract_id: ContractId,
    milestones: &[DemoMilestone],
) -> Result<()> {
    let today = paris_today(state.clock.now());
    for default in payments::for_contract(state, contract_id).await.map_err(describe)?.milestones {
        payments::delete_milestone(state, seller, default.id).await.map_err(describe)?;
    }
    for (label, share, value, due, fixed_in, days) in milestones {
        let form = MilestoneForm {
            label: (*label).into(),
            share: (*share).into(),
            value: (*value).into(),
            due: (*due).into(),
            fixed_on: (today + chrono::Duration::days(*fixed_in)).to_string(),
            days: (*days).into(),
        };
        payments::add_milestone(state, seller, contract_id, &form, None).await.map_err(describe)?;
    }
    Ok(())
}

/// Records a demo contract's payments (days ago, amount).
async fn demo_payments(state: &AppState, seller: &Actor, contract_id: ContractId, paid: &[(i64, &str)]) -> Result<()> {
    let today = paris_today(state.clock.now());
    for (days_ago, amount) in paid {
        let form = PaymentForm {
            paid_on: (today - chrono::Duration::days(*days_ago)).to_string(),
            amount: (*amount).into(),
            method: "transfer".into(),
        };
        payments::record_payment(state, seller, contract_id, &form, None).await.map_err(describe)?;
    }
    Ok(())
}

/// Fills an event's run sheet as its support contact would (management without one).
async fn demo_run_sheet(state: &AppState, support: Option<&str>, event: EventId, sheet: &DemoRunSheet) -> Result<()> {
    let author = actor(&state.pool, support.unwrap_or("gestion@epic-events.fr")).await?;
    let details = RunSheetForm {
        access_notes: sheet.access_notes.into(),
        onsite_contact_name: sheet.contact.0.into(),
        onsite_contact_phone: sheet.contact.1.into(),
    };
    run_sheets::update_details(state, &author, event, 0, &details).await.map_err(describe)?;
    for (version, (at, kind, label, details)) in (1..).zip(sheet.steps) {
        let step = TimelineItemForm {
            at: demo_time(state, *at),
            kind: (*kind).into(),
            label: (*label).into(),
            details: (*details).into(),
        };
        run_sheets::add_item(state, &author, event, version, &step).await.map_err(describe)?;
    }
    Ok(())
}

/// The debriefs of the demo's events already over: (event, satisfaction, attendees who came,
/// what went well, what did not), written by each event's support.
const DEBRIEFS: &[(&str, &str, &str, &str, &str)] = &[(
    "Soirée des dix ans Martin & Associés",
    "4",
    "112",
    "Accueil fluide, discours à l’heure, traiteur très apprécié.",
    "Le vestiaire a saturé à l’arrivée : prévoir deux personnes de plus.",
)];

/// Writes the demo debrief of `event`, if it has one, as its support would.
async fn demo_debrief(state: &AppState, support: &Actor, event_id: EventId, title: &str) -> Result<()> {
    let Some((_, satisfaction, attendees, went_well, went_badly)) = DEBRIEFS.iter().find(|d| d.0 == title) else {
        return Ok(());
    };
    let form = DebriefForm {
        went_well: (*went_well).into(),
        went_badly: (*went_badly).into(),
        satisfaction: (*satisfaction).into(),
        actual_attendees: (*attendees).into(),
    };
    debriefs::save(state, support, event_id, 0, &form).await.map_err(describe)?;
    Ok(())
}

/// So many days from today (ago, when negative) at a time of day, as the event form takes it
/// (Paris).
fn demo_time(state: &AppState, (days, time): (i64, &str)) -> String {
    let day = paris_today(state.clock.now()) + chrono::Duration::days(days);
    format!("{day}T{time}")
}

/// A follow-up due in `days` (Paris) for `owner`, who set it. An overdue one (negative `days`) is
/// written as if set back then: the form refuses a day already past.
async fn demo_follow_up(state: &AppState, owner: &Actor, record: RecordRef, title: &str, days: i64) -> Result<()> {
    let now = state.clock.now();
    let due_on = paris_today(now) + chrono::Duration::days(days);
    if days >= 0 {
        let form = FollowUpForm { title: title.into(), due_on: due_on.to_string(), owner_id: String::new() };
        follow_ups::add(state, owner, record, &form, None).await.map_err(describe)?;
        return Ok(());
    }
    let input = FollowUpInput { title: FollowUpTitle::parse(title)?, due_on, owner_id: None };
    let mut tx = state.pool.begin().await?;
    let owners = app::records::owners(&mut tx, record).await?.ok_or("demo record missing")?;
    let set_at = now + chrono::Duration::days(days - 7);
    app::follow_ups::repo::insert(&mut tx, &owners, None, &input, owner.id, owner.id, set_at).await?;
    app::db::commit(tx).await.map_err(describe)?;
    Ok(())
}
