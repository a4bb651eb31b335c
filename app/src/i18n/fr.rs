//! French user interface text.

pub const APP_NAME: &str = "Epic Events";
pub const HTML_LANG: &str = "fr";

// Frame
pub const SKIP_TO_CONTENT: &str = "Aller au contenu";
pub const NAV_LABEL: &str = "Navigation principale";
pub const NAV_CLIENTS: &str = "Clients";
pub const NAV_CONTRACTS: &str = "Contrats";
pub const NAV_EVENTS: &str = "Événements";
pub const NAV_ADMIN: &str = "Administration";
pub const MENU: &str = "Menu";
pub const SIGN_OUT: &str = "Se déconnecter";
pub const SIGNED_IN_AS: &str = "Connecté en tant que";

// Departments
pub const DEPT_SALES: &str = "Commercial";
pub const DEPT_SUPPORT: &str = "Support";
pub const DEPT_MANAGEMENT: &str = "Gestion";

// Sign-in
pub const SIGN_IN_TITLE: &str = "Connexion";
pub const SIGN_IN_INTRO: &str = "Connectez-vous avec votre adresse e-mail professionnelle.";
pub const EMAIL: &str = "Adresse e-mail";
pub const PASSWORD: &str = "Mot de passe";
pub const SHOW_PASSWORD: &str = "Afficher";
pub const HIDE_PASSWORD: &str = "Masquer";
pub const SHOW_PASSWORD_LABEL: &str = "Afficher le mot de passe";
pub const HIDE_PASSWORD_LABEL: &str = "Masquer le mot de passe";
pub const SIGN_IN_SUBMIT: &str = "Se connecter";
pub const SIGNED_OUT_NOTICE: &str = "Vous êtes déconnecté.";
pub const SESSION_ENDED_NOTICE: &str = "Votre session a pris fin. Reconnectez-vous pour continuer.";

// My account
pub const MY_ACCOUNT: &str = "Mon compte";
pub const CHANGE_PASSWORD: &str = "Changer de mot de passe";
pub const CURRENT_PASSWORD: &str = "Mot de passe actuel";
pub const NEW_PASSWORD: &str = "Nouveau mot de passe";
pub const NEW_PASSWORD_HELP: &str = "12 caractères au moins ; une phrase facile à retenir convient très bien.";
pub const CONFIRM_PASSWORD: &str = "Confirmez le nouveau mot de passe";
pub const PASSWORDS_DIFFER: &str = "Les deux mots de passe ne sont pas identiques.";
pub const CURRENT_PASSWORD_WRONG: &str = "Le mot de passe actuel est incorrect.";
pub const DEPARTMENT: &str = "Département";
pub const PASSWORD_TOO_SHORT: &str = "Le mot de passe doit contenir au moins 12 caractères.";
pub const PASSWORD_TOO_LONG: &str = "Le mot de passe est trop long.";
pub const PASSWORD_TOO_COMMON: &str = "Ce mot de passe est trop courant ; choisissez-en un autre.";

// Validation
pub const EMAIL_REQUIRED: &str = "Saisissez votre adresse e-mail.";
pub const EMAIL_INVALID: &str = "Cette adresse e-mail n’est pas valide.";
pub const PASSWORD_REQUIRED: &str = "Saisissez votre mot de passe.";
pub const FORM_HAS_ERRORS: &str = "Le formulaire contient des erreurs :";

// Typed values refused (the domain types' parsers)
pub const EMAIL_ADDRESS_REQUIRED: &str = "Saisissez une adresse e-mail.";
pub const PHONE_REQUIRED: &str = "Saisissez un numéro de téléphone.";
pub const PHONE_INVALID: &str = "Ce numéro de téléphone n’est pas valide.";
pub const AMOUNT_REQUIRED: &str = "Saisissez un montant.";
pub const AMOUNT_INVALID: &str = "Montant invalide : par exemple 1 234,56.";
pub const AMOUNT_NEGATIVE: &str = "Le montant ne peut pas être négatif.";
pub const ID_INVALID: &str = "Identifiant invalide.";
pub const TEXT_FORBIDDEN_CHARACTERS: &str = "Ce texte contient des caractères non autorisés.";
pub const PERSON_NAME_INVALID: &str = "Saisissez un nom (120 caractères au plus).";
pub const COMPANY_NAME_INVALID: &str = "Saisissez un nom d’entreprise (120 caractères au plus).";
pub const EVENT_TITLE_INVALID: &str = "Saisissez un titre (120 caractères au plus).";
pub const LOCATION_INVALID: &str = "Saisissez un lieu (200 caractères au plus).";
pub const NOTES_TOO_LONG: &str = "Les notes ne doivent pas dépasser 5\u{202f}000 caractères.";
pub const DATETIME_REQUIRED: &str = "Saisissez une date et une heure.";
pub const DATETIME_INVALID: &str = "Date invalide.";
pub const DATETIME_NONEXISTENT: &str = "Cette heure n’existe pas (changement d’heure).";
/// A day typed in a date filter.
pub const DAY_INVALID: &str = "Date invalide (AAAA-MM-JJ).";
pub const DAY_RANGE_REVERSED: &str = "La date de fin précède la date de début.";

// Dates: "12 mars 2026", "12 mars 2026 à 14:00"
pub const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

pub fn date_at_time(date: &str, time: &str) -> String {
    format!("{date} à {time}")
}

// Errors
pub const ERR_UNAUTHORIZED: &str = "Votre session a expiré. Reconnectez-vous.";
pub const ERR_FORBIDDEN: &str = "Vous n’avez pas les droits pour cette action.";
pub const ERR_NOT_FOUND: &str = "Cette page ou cet élément n’existe pas.";
pub const ERR_VALIDATION: &str = "Certaines informations sont invalides.";
pub const ERR_CONFLICT: &str = "Modifié entre-temps par quelqu’un d’autre : voici les valeurs actuelles. Refaites vos changements puis enregistrez.";
pub const ERR_BAD_CREDENTIALS: &str = "Adresse e-mail ou mot de passe incorrect.";
pub const ERR_BAD_REQUEST: &str = "La requête est invalide.";
pub const ERR_INTERNAL: &str = "Une erreur inattendue est survenue. Réessayez plus tard.";
pub const ERR_UNAVAILABLE: &str =
    "Le service est momentanément indisponible ; rien n’a été modifié. Réessayez dans quelques instants.";
pub const ERR_OUTCOME_UNKNOWN: &str = "La connexion à la base de données a été coupée pendant l’enregistrement : \
    il a pu aboutir ou non. Vérifiez la fiche avant de recommencer (un ajout renvoyé tel quel n’est pas fait deux fois).";
pub const IDEMPOTENCY_KEY_INVALID: &str = "La clé d’idempotence doit compter de 1 à 255 caractères ASCII visibles.";
pub const IDEMPOTENCY_KEY_REUSED: &str = "Cet envoi a déjà été enregistré avec d’autres valeurs : rechargez le formulaire pour un nouvel ajout \
     (par l’API, prenez une nouvelle clé d’idempotence).";
pub const ERR_UNAVAILABLE_TITLE: &str = "Service momentanément indisponible";
pub const ERR_PAGE_TITLE: &str = "Page introuvable";
pub const ERR_FORBIDDEN_TITLE: &str = "Accès refusé";
pub const BACK_HOME: &str = "Retour à l’accueil";

/// The wait after too many failed password checks, in seconds under two minutes, else in
/// whole minutes (rounded up).
pub fn err_throttled(seconds: i64) -> String {
    let (count, unit) = if seconds < 120 {
        (seconds.max(1), if seconds > 1 { "secondes" } else { "seconde" })
    } else {
        ((seconds + 59) / 60, "minutes")
    };
    format!("Trop de tentatives de connexion. Réessayez dans {count} {unit}.")
}
pub const ERR_BUSY: &str = "Le service reçoit trop de connexions en ce moment. Réessayez dans quelques secondes.";
pub const ERR_PASSWORD_CHANGE_REQUIRED: &str =
    "Votre mot de passe a été généré ou réinitialisé : choisissez-en un nouveau dans Mon compte avant de continuer.";
pub const API_PASSWORD_CHANGE_REQUIRED: &str = "Le mot de passe de ce compte a été généré ou réinitialisé : changez-le dans l’application web (Mon compte) avant d’utiliser l’API.";

// Ma journée (the home page)
pub const HOME_TITLE: &str = "Ma journée";
pub fn welcome(name: &str, today: &str) -> String {
    format!("Bonjour {name}, nous sommes le {today}.")
}
pub const QUEUE_CONTRACTS_TO_SIGN: &str = "Contrats à faire signer";
pub const QUEUE_SIGNED_UNPAID: &str = "Contrats signés non soldés";
pub const QUEUE_QUIET_CLIENTS: &str = "Clients sans contact depuis 30 jours";
pub const QUEUE_FOLLOW_UPS_DUE: &str = "Mes relances à faire";
pub const QUEUE_MY_EVENTS_SOON: &str = "Mes événements des 7 prochains jours";
pub const QUEUE_MY_EVENTS_INCOMPLETE: &str = "Mes événements à compléter (lieu ou participants)";
pub const QUEUE_EVENTS_WITHOUT_SUPPORT: &str = "Événements des 30 prochains jours sans support";
pub const QUEUE_UNPAID_EVENTS_SOON: &str = "Contrats non soldés, événement dans moins de 30 jours";
// Agenda
pub const NAV_AGENDA: &str = "Agenda";
pub const AGENDA_MONTH: &str = "Mois";
pub const AGENDA_WEEK: &str = "Semaine";
pub const AGENDA_LIST: &str = "Liste";
pub const AGENDA_VIEWS: &str = "Affichage";
pub const AGENDA_VIEW_INVALID: &str = "Affichage inconnu : choisissez mois, semaine ou liste.";
pub const AGENDA_PREVIOUS: &str = "Précédent";
pub const AGENDA_NEXT: &str = "Suivant";
pub const AGENDA_TODAY: &str = "Aujourd’hui";
pub const AGENDA_PAST: &str = "Passé";
pub const AGENDA_FILTER: &str = "Filtrer";
pub const AGENDA_ANY_SUPPORT: &str = "Tous les supports";
pub const AGENDA_ANY_SALES: &str = "Tous les commerciaux";
pub const AGENDA_LEGEND: &str = "Légende";
pub const AGENDA_NO_EVENTS: &str = "Aucun événement sur cette période avec ces filtres.";
pub fn agenda_more(count: i64) -> String {
    if count == 1 { "+ 1 autre".to_owned() } else { format!("+ {count} autres") }
}
pub fn agenda_more_than(count: &str) -> String {
    format!("{count} ce jour-là")
}
pub fn agenda_week_of(monday: &str, sunday: &str) -> String {
    format!("Semaine du {monday} au {sunday}")
}
pub const WEEKDAYS_SHORT: [&str; 7] = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."];
pub const WEEKDAYS: [&str; 7] = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];
pub const FEED_TITLE: &str = "Mon agenda dans mon calendrier";
pub const FEED_INTRO: &str = "Abonnez Outlook, Google Agenda ou votre téléphone à ce lien secret pour y voir vos événements      (support : ceux qui vous sont assignés ; commerciaux : ceux de vos clients ; gestion : tous), du mois passé à l’année à venir.";
pub const FEED_SECRET_WARNING: &str =
    "Ce lien donne accès à vos événements sans mot de passe : ne le partagez pas. S’il a circulé, régénérez-le.";
pub const FEED_NONE: &str = "Vous n’avez pas encore de lien d’agenda.";
pub const FEED_CREATE: &str = "Créer mon lien d’agenda";
pub const FEED_RENEW: &str = "Régénérer le lien";
pub const FEED_REVOKE: &str = "Révoquer le lien";
pub const FEED_LINK: &str = "Lien d’abonnement";
pub fn feed_since(date: &str) -> String {
    format!("Lien actif depuis le {date}. Régénérer le lien rend l’ancien inutilisable.")
}
pub fn feed_description(client: &str, support: &str, attendees: i32, notes: &str) -> String {
    let mut text = format!("Client : {client}\nSupport : {support}\nParticipants : {attendees}");
    if !notes.is_empty() {
        text.push_str("\n\n");
        text.push_str(notes);
    }
    text
}
pub const NOTICE_FEED_CREATED: &str = "Nouveau lien d’agenda créé : l’ancien ne fonctionne plus.";
pub const NOTICE_FEED_REVOKED: &str = "Lien d’agenda révoqué.";
pub const EVENTS_UNPAID: &str = "Contrat non soldé";
pub const EVENTS_INCOMPLETE: &str = "À compléter";
pub const FILTER_SUPPORT_CHOSEN: &str = "Support choisi";
pub const FILTER_SALES_CHOSEN: &str = "Commercial choisi";
pub fn contact_before(day: &str) -> String {
    format!("Sans contact depuis le {day}")
}
pub const QUEUE_EMPTY: &str = "Rien en attente : tout est à jour.";
pub fn queue_see_all(count: &str) -> String {
    format!("Voir tout ({count})")
}
pub const WORKLOAD_TITLE: &str = "Charge de l’équipe support cette semaine";
pub fn workload_week(monday: &str, sunday: &str) -> String {
    format!("Du {monday} au {sunday}")
}
pub const WORKLOAD_EVENTS: &str = "Événements";
pub const NO_SUPPORT_COLLABORATORS: &str = "Aucun collaborateur support actif.";
pub fn remaining_to_pay(amount: &str) -> String {
    format!("Reste à payer : {amount}")
}
pub fn contract_total(amount: &str) -> String {
    format!("Montant : {amount}")
}
pub fn last_contact(date: &str) -> String {
    format!("Dernier contact : {date}")
}

// Lists
pub const SEARCH: &str = "Rechercher";
pub const FILTERS: &str = "Filtres";
pub const SEARCH_PLACEHOLDER: &str = "Nom, e-mail, entreprise…";
pub const PAGINATION: &str = "Pagination";
pub const PAGE_SIZE: &str = "Par page";
pub const APPLY: &str = "Appliquer";
pub const PREVIOUS: &str = "Précédent";
pub const NEXT: &str = "Suivant";
pub const RESET_LIST: &str = "Réinitialiser la liste";
pub const ERR_PARAMS_TITLE: &str = "Paramètres invalides";
pub const ERR_GENERIC_TITLE: &str = "Erreur";
pub const FROM: &str = "Du";
pub const TO: &str = "Au";
pub const PAGE_INVALID: &str = "Numéro de page invalide.";
pub const PAGE_TOO_FAR: &str = "Page trop lointaine : affinez la recherche ou les filtres.";
/// The pages' size choices (`listing::PAGE_SIZES`).
pub const PAGE_SIZE_INVALID: &str = "Taille de page invalide (25, 50 ou 100).";
/// The REST API's sizes (1 to `listing::API_MAX_PAGE_SIZE`).
pub const API_PAGE_SIZE_INVALID: &str = "Taille de page invalide (de 1 à 100).";
pub const SEARCH_TOO_LONG: &str = "Recherche trop longue (100 caractères au plus).";
pub const SEARCH_INVALID: &str = "Recherche invalide.";
pub const SORT_UNKNOWN: &str = "Tri inconnu.";
pub const FILTER_INVALID: &str = "Filtre invalide.";
pub const RECORD_TYPE_UNKNOWN: &str = "Type inconnu.";
pub const ACTION_UNKNOWN: &str = "Action inconnue.";
pub const SECURITY_KIND_UNKNOWN: &str = "Événement inconnu.";
pub const DEPARTMENT_UNKNOWN: &str = "Département inconnu.";

/// A count past the cap of what lists count exactly (`count` already formatted).
pub fn more_than(count: &str) -> String {
    format!("plus de {count}")
}

/// "1–25 sur 1 234" under a list (numbers already formatted).
pub fn page_range(first: &str, last: &str, total: &str) -> String {
    format!("{first}–{last} sur {total}")
}

// Details
pub const NO_HISTORY: &str = "Aucune modification enregistrée.";
pub const HISTORY: &str = "Historique";
pub const SOMEONE: &str = "Quelqu’un";
pub const NONE: &str = "(aucun)";
pub const YES: &str = "oui";
pub const NO: &str = "non";
pub const EDIT: &str = "Modifier";
pub const SAVE: &str = "Enregistrer";
pub const CANCEL: &str = "Annuler";

// Clients
pub const NEW_CLIENT: &str = "Nouveau client";
pub const EDIT_CLIENT: &str = "Modifier le client";
pub const CLIENT: &str = "Client";
pub const FULL_NAME: &str = "Nom complet";
pub const PHONE: &str = "Téléphone";
pub const PHONE_HELP: &str = "Par exemple 06 12 34 56 78 ou +33 6 12 34 56 78.";
pub const COMPANY: &str = "Entreprise";
pub const SALES_CONTACT: &str = "Contact commercial";
pub const CREATED_AT: &str = "Créé le";
pub const FIRST_CONTACT: &str = "Premier contact";
pub const LAST_CONTACT: &str = "Dernier contact";
pub const MY_CLIENTS: &str = "Mes clients";
pub const PROSPECTS: &str = "Prospects";
pub const PROSPECT: &str = "Prospect";
pub const CHANGE_SALES_CONTACT: &str = "Changer de contact commercial";
pub const NO_CLIENTS: &str = "Aucun client ne correspond. Modifiez la recherche ou les filtres.";
pub const CLIENT_EMAIL_TAKEN: &str = "Un client utilise déjà cette adresse e-mail.";
pub const CHOOSE_ACTIVE_SALES: &str = "Choisissez un commercial actif.";

// Contracts
pub const NEW_CONTRACT: &str = "Nouveau contrat";
pub const EDIT_CONTRACT: &str = "Modifier le contrat";
pub const CONTRACT: &str = "Contrat";
pub const CONTRACTS_OF_CLIENT: &str = "Contrats";
pub const TOTAL: &str = "Montant total";
pub const REMAINING: &str = "Reste à payer";
pub const AMOUNT_HELP: &str = "En euros, par exemple 1 234,56.";
pub const STATUS: &str = "Statut";
pub const SIGNED: &str = "Signé";
pub const UNSIGNED: &str = "Non signé";
pub const PAID: &str = "Soldé";
pub const UNPAID_FILTER: &str = "Non soldés";
pub const UNSIGNED_FILTER: &str = "Non signés";
pub const MY_CONTRACTS: &str = "Mes contrats";
pub const SIGN: &str = "Signer le contrat";
pub const SIGNED_ON: &str = "Signé le";
pub const NO_CONTRACTS: &str = "Aucun contrat ne correspond. Tout est à jour.";
pub const NO_CONTRACTS_FOR_CLIENT: &str = "Aucun contrat pour ce client.";
pub const CONTRACT_ALREADY_SIGNED: &str = "Ce contrat est déjà signé.";
pub const CONTRACT_LOCKED: &str =
    "Ce contrat est signé : c’est l’engagement de l’entreprise, seule la direction le modifie.";
pub const CONTRACT_LOCKED_HELP: &str =
    "Contrat signé : seule la direction modifie son montant et son échéancier. Les paiements s’enregistrent toujours.";
pub const STAGE: &str = "Étape";
pub const STAGE_PROSPECT: &str = "Prospect";
pub const STAGE_PROPOSAL: &str = "Proposition";
pub const STAGE_SIGNED: &str = "Signé";
pub const STAGE_PAID: &str = "Soldé";
pub const STAGE_UNKNOWN: &str = "Étape inconnue : prospect, proposal ou signed.";
pub const STAGE_UNCHANGED: &str = "Le contrat est déjà à cette étape.";
pub const STAGE_PAID_FOLLOWS_PAYMENTS: &str =
    "Un contrat est soldé quand ses paiements couvrent son total : enregistrez le paiement sur sa page.";
pub const STAGE_SIGNED_NO_MOVE_BACK: &str = "Un contrat signé ne revient pas en arrière : sa signature reste.";
pub const PROPOSED_ON: &str = "Proposition envoyée le";
pub const MARK_PROPOSED: &str = "Proposition envoyée";
pub const BACK_TO_PROSPECT: &str = "Remettre en prospect";

// Events
pub const NEW_EVENT: &str = "Nouvel événement";
pub const EDIT_EVENT: &str = "Modifier l’événement";
pub const EVENT: &str = "Événement";
pub const TITLE: &str = "Titre";
pub const START: &str = "Début";
pub const END: &str = "Fin";
pub const LOCATION: &str = "Lieu";
pub const ATTENDEES: &str = "Participants";
pub const NOTES: &str = "Notes";
pub const SUPPORT_CONTACT: &str = "Contact support";
pub const WITHOUT_SUPPORT: &str = "Sans support";
pub const MY_EVENTS: &str = "Mes événements";
pub const ASSIGN_SUPPORT: &str = "Assigner un support";
pub const NO_SUPPORT_OPTION: &str = "— Aucun —";
pub const NO_EVENTS: &str = "Aucun événement ne correspond. Modifiez la recherche ou les filtres.";
pub const NO_EVENTS_FOR_RECORD: &str = "Aucun événement.";
pub const CLIENT_CONTACT: &str = "Coordonnées du client";
pub const ATTENDEES_REQUIRED: &str = "Saisissez le nombre de participants.";
pub const ATTENDEES_INVALID: &str = "Nombre de participants invalide (de 0 à 1 000 000).";
pub const END_NOT_AFTER_START: &str = "La fin doit être après le début.";
pub const CONTRACT_NOT_SIGNED: &str = "Ce contrat n’est pas signé : signez-le avant de créer un événement.";
pub const CHOOSE_ACTIVE_SUPPORT: &str = "Choisissez un collaborateur du support actif.";
pub const COLLABORATOR_UNKNOWN: &str = "Collaborateur inconnu.";

// Redirect notices (`routes::Notice`): what a page says just happened
pub const NOTICE_CREATED: &str = "Enregistré.";
pub const NOTICE_UPDATED: &str = "Modifications enregistrées.";
pub const NOTICE_SIGNED: &str = "Contrat signé.";
pub const NOTICE_ASSIGNED: &str = "Support assigné.";
pub const NOTICE_REASSIGNED: &str = "Contact commercial changé.";
pub const NOTICE_PASSWORD_CHANGED: &str = "Mot de passe changé. Vos autres sessions ont été fermées.";
pub const NOTICE_PASSWORD_REQUIRED: &str =
    "Votre mot de passe a été généré ou réinitialisé : choisissez-en un nouveau pour continuer.";
pub const NOTICE_DELETED: &str = "Supprimé.";
pub const NOTICE_COLLABORATOR_CREATED: &str = "Collaborateur créé.";
pub const NOTICE_DEPARTMENT_CHANGED: &str = "Département changé.";
pub const NOTICE_DEACTIVATED: &str = "Collaborateur désactivé : ses sessions sont fermées.";
pub const NOTICE_REACTIVATED: &str = "Collaborateur réactivé.";
pub const NOTICE_PASSWORD_RESET: &str = "Mot de passe réinitialisé : ses sessions sont fermées.";
pub const NOTICE_HANDED_OVER: &str = "Portefeuille transmis.";
pub const NOTICE_ANONYMISED: &str = "Anonymisation effectuée.";
pub const NOTICE_SESSION_ENDED: &str = "Session fermée.";
pub const NOTICE_SESSIONS_ENDED: &str = "Toutes les sessions ont été fermées.";
pub const NOTICE_API_SIGN_IN_ENDED: &str = "Connexion API fermée.";

// Administration: collaborators, queues, hand-over, deletion
pub const COLLABORATORS: &str = "Collaborateurs";
pub const COLLABORATOR: &str = "Collaborateur";
pub const NEW_COLLABORATOR: &str = "Nouveau collaborateur";
pub const NEW_COLLABORATOR_HELP: &str = "Un mot de passe provisoire est généré et affiché une seule fois : transmettez-le au collaborateur, qui le changera dans Mon compte.";
pub const EDIT_COLLABORATOR: &str = "Modifier le collaborateur";
pub const NO_COLLABORATORS: &str = "Aucun collaborateur ne correspond à ces critères.";
pub const EMPLOYEE_NUMBER: &str = "Matricule";
pub const ARRIVED: &str = "Arrivée";
pub const SESSIONS: &str = "Sessions";
pub const DEACTIVATED: &str = "Désactivés";
pub const DEACTIVATED_BADGE: &str = "Désactivé";
pub const CHOOSE: &str = "— Choisir —";
pub const DEPARTMENT_REQUIRED: &str = "Choisissez un département.";
pub const CHANGE_DEPARTMENT: &str = "Changer de département";
pub const CLIENTS_TO: &str = "Commercial qui reprend ses clients et contrats en cours";
pub const EVENTS_TO: &str = "Support qui reprend ses événements à venir";
pub const CHOOSE_SALES_SUCCESSOR: &str = "Choisissez un autre commercial actif.";
pub const CHOOSE_SUPPORT_SUCCESSOR: &str = "Choisissez un autre collaborateur du support actif.";
pub const EMPLOYEE_NUMBER_INVALID: &str = "Matricule invalide (lettres, chiffres et tirets, 20 au plus).";
pub const COLLABORATOR_EMAIL_TAKEN: &str = "Cette adresse e-mail est déjà utilisée.";
pub const EMPLOYEE_NUMBER_TAKEN: &str = "Ce matricule est déjà utilisé.";
pub const ALREADY_IN_DEPARTMENT: &str = "Le collaborateur est déjà dans ce département.";

pub fn sales_successor_needed(clients: i64, open_contracts: i64) -> String {
    format!(
        "Ce collaborateur suit {clients} client(s) et {open_contracts} contrat(s) en cours : choisissez le commercial qui les reprend."
    )
}

pub fn support_successor_needed(upcoming_events: i64) -> String {
    format!(
        "Ce collaborateur est assigné à {upcoming_events} événement(s) à venir : choisissez le support qui les reprend."
    )
}
pub const CHOOSE_SALES_FROM: &str = "Choisissez le commercial dont le portefeuille est transmis.";
pub const NOTHING_TO_HAND_OVER: &str = "Ce commercial n’a ni client ni contrat en cours à transmettre.";
pub const IN_CHARGE_OF: &str = "En charge de";
pub const IN_CHARGE_OF_NOTHING: &str = "Aucun client, contrat ni événement.";
pub const DEACTIVATE: &str = "Désactiver";
pub const REACTIVATE: &str = "Réactiver";
pub const DEACTIVATE_SIGN_IN: &str = "Il ne pourra plus se connecter, jusqu’à sa réactivation.";
pub const DEACTIVATE_RECORDS: &str =
    "Ses clients, contrats et événements restent à son nom : transmettez-les si quelqu’un doit les suivre.";
pub const RESET_PASSWORD: &str = "Réinitialiser le mot de passe";
pub const RESET_PASSWORD_HELP: &str =
    "Un nouveau mot de passe est généré et affiché une seule fois ; ses sessions ouvertes sont fermées.";
pub const RESET_OWN_PASSWORD: &str = "Changez votre propre mot de passe dans Mon compte.";
pub const NOT_ON_YOURSELF: &str = "Vous ne pouvez pas faire cela sur votre propre compte.";
pub const NEW_PASSWORD_TITLE: &str = "Mot de passe provisoire";
pub const GENERATED_PASSWORD_HELP: &str =
    "Affiché une seule fois : notez-le et transmettez-le au collaborateur, qui le changera dans Mon compte.";
pub const DELETE: &str = "Supprimer";
pub const DELETE_FOR_GOOD: &str = "Supprimer définitivement";
pub const COLLABORATOR_NOT_DELETABLE: &str = "Ce collaborateur est encore en charge de clients, contrats ou événements : il ne peut pas être supprimé. Transmettez son portefeuille, ou désactivez-le (son nom reste sur ce qu’il a suivi).";
pub const DELETE_COLLABORATOR_WHAT: &str =
    "Son compte et ses sessions seront supprimés. Le journal garde son nom sur ce qu’il a fait.";
pub const DELETE_CONTRACT_WHAT: &str =
    "Le contrat sera supprimé. Un contrat qui a des événements ne peut l’être qu’après eux :";
pub const DELETE_EVENT_WHAT: &str = "Cet événement sera supprimé :";
pub const SUPPORT_QUEUE: &str = "Événements sans support";
pub const SUPPORT_QUEUE_EMPTY: &str = "Tous les événements à venir ont un support. Rien à assigner.";
pub const ASSIGN: &str = "Assigner";
pub const HAND_OVER_PORTFOLIO: &str = "Transmettre un portefeuille";
pub const HAND_OVER: &str = "Transmettre";
pub const HAND_OVER_HELP: &str = "Tous les clients du premier commercial, et leurs contrats non signés ou non soldés, passent au second en une fois. Les contrats soldés gardent le commercial qui les a suivis.";
pub const HAND_OVER_FROM: &str = "Commercial qui cède";
pub const HAND_OVER_TO: &str = "Commercial qui reprend";
pub const ADMIN_COLLABORATORS_HELP: &str =
    "Créer, modifier, désactiver les comptes ; changer de département ; réinitialiser un mot de passe.";
pub const ADMIN_SUPPORT_QUEUE_HELP: &str = "Les événements à venir sans support, à assigner.";
pub const ADMIN_HAND_OVER_HELP: &str = "Confier tous les clients d’un commercial à un autre.";

pub fn open_sessions(n: i64) -> String {
    match n {
        0 => "Aucune session ouverte".to_owned(),
        1 => "1 session ouverte".to_owned(),
        n => format!("{n} sessions ouvertes"),
    }
}

/// "3 client(s)", "1 contrat(s) en cours"…: what someone is in charge of, from the counts of
/// clients, open and closed contracts, upcoming and past events (in that order).
pub fn holdings_lines(counts: [i64; 5]) -> Vec<String> {
    const WHAT: [&str; 5] =
        ["client(s)", "contrat(s) en cours", "contrat(s) soldé(s)", "événement(s) à venir", "événement(s) passé(s)"];
    counts.into_iter().zip(WHAT).filter(|(n, _)| *n > 0).map(|(n, what)| format!("{n} {what}")).collect()
}

pub fn department_change_intro(name: &str, department: &str) -> String {
    format!("{name} est aujourd’hui au département {department}. Ce qu’il suit doit être repris par quelqu’un.")
}

pub fn deactivate_title(name: &str) -> String {
    format!("Désactiver {name} ?")
}

pub fn deactivate_sessions(n: i64) -> String {
    format!("{} : fermée(s) immédiatement.", open_sessions(n))
}

pub fn delete_collaborator_title(name: &str) -> String {
    format!("Supprimer {name} ?")
}

pub fn delete_title(name: &str) -> String {
    format!("Supprimer « {name} » ?")
}

pub fn delete_contract_title(client: &str, total: &str) -> String {
    format!("Supprimer le contrat de {client} ({total}) ?")
}

pub fn delete_client_what(contracts: usize) -> String {
    match contracts {
        0 => "Le client sera supprimé. Il n’a aucun contrat.".to_owned(),
        n => format!("Le client sera supprimé, avec ses {n} contrat(s) non signé(s) :"),
    }
}

pub fn client_not_deletable(signed: usize) -> String {
    format!(
        "Ce client a {signed} contrat(s) signé(s) : la comptabilité doit les garder. Il ne peut pas être supprimé ; anonymisez-le pour effacer ses données personnelles."
    )
}

pub const CONTRACT_SIGNED_NOT_DELETABLE: &str =
    "Ce contrat est signé : la comptabilité doit le garder. Il ne peut pas être supprimé.";
pub const CLIENT_ANONYMISED_NO_CHANGE: &str = "Ce client est anonymisé : aucun contrat ni événement ne peut lui être \
     ajouté, et le titre, le lieu et les notes de ses événements ne changent plus.";
pub const EVENT_TITLE_READ_ONLY: &str =
    "Le titre est fixé par le commercial avec le client : le support ne le modifie pas.";

pub fn contract_not_deletable(events: i64) -> String {
    format!("Ce contrat a {events} événement(s) : supprimez-les d’abord.")
}

pub fn assign_support_to(event: &str) -> String {
    format!("Support pour « {event} »")
}

// Requests refused before any page or server function runs
pub const REQUEST_CROSS_SITE: &str = "Requête refusée : elle ne provient pas de ce site.";
pub const REQUEST_TOO_LARGE: &str = "Requête trop volumineuse.";

// Command line: `create-admin` asks for the password
pub const CLI_PASSWORD_PROMPT: &str = "Mot de passe : ";
pub const CLI_CONFIRM_PROMPT: &str = "Confirmez : ";

// REST API (problem details)
pub const API_INVALID_TOKEN: &str = "Jeton d’accès invalide ou expiré.";
pub const API_NOT_JSON: &str = "Le corps de la requête doit être du JSON (Content-Type: application/json).";
pub const API_MALFORMED_JSON: &str = "JSON mal formé";
pub const API_TOO_LARGE: &str = REQUEST_TOO_LARGE;
pub const API_NO_RESOURCE: &str = "Aucune ressource à cette adresse.";
pub const API_METHOD_NOT_ALLOWED: &str = "Méthode non permise pour cette ressource.";
pub const API_UNKNOWN_PARAMETER: &str = "Paramètre inconnu.";
pub const API_REPEATED_PARAMETER: &str = "Paramètre donné plusieurs fois.";
pub const API_BAD_IF_MATCH: &str = "En-tête If-Match invalide : attendu \"<version>\".";
pub const API_SALES_CONTACT_ALONE: &str = "Changez le commercial seul, sans autre champ.";
pub const API_ONE_CHANGE_AT_A_TIME: &str =
    "Une seule sorte de changement par requête : identité, département ou activation.";

// Audit trail, security log, sessions, RGPD
pub const AUDIT_TABS: &str = "Journaux";
pub const AUDIT_JOURNAL_TITLE: &str = "Journal d’audit";
pub const AUDIT_WHO: &str = "Collaborateur";
pub const AUDIT_ANYONE: &str = "— Tous —";
pub const AUDIT_ALL: &str = "— Tous —";
pub const AUDIT_RECORD_TYPE: &str = "Type de fiche";
pub const AUDIT_ACTION: &str = "Action";
pub const AUDIT_FROM: &str = "Du";
pub const AUDIT_TO: &str = "Au";
pub const AUDIT_FILTER: &str = "Filtrer";
pub const AUDIT_EMPTY: &str = "Aucune entrée ne correspond à ces filtres.";
pub const AUDIT_WHEN: &str = "Date";
pub const AUDIT_RECORD: &str = "Fiche";
pub const AUDIT_CHANGES: &str = "Modifications";
pub const AUDIT_UNKNOWN_RECORD: &str = "Enregistrement écrit par une version plus récente de l’application";
pub const AUDIT_RECORD_GONE: &str = "(supprimée)";
pub const SECURITY_LOG_TITLE: &str = "Sécurité";
pub const SECURITY_KIND: &str = "Événement";
pub const SECURITY_COLLABORATOR: &str = "Compte concerné";
pub const SECURITY_BY: &str = "Par";
pub const SECURITY_IP: &str = "Adresse IP";
pub const SECURITY_EMPTY: &str = "Aucun événement de sécurité ne correspond à ces filtres.";
pub const SECURITY_UNKNOWN_ACCOUNT: &str = "Adresse inconnue";
pub const SESSIONS_TITLE: &str = "Sessions ouvertes";
pub const SESSIONS_INACTIVE: &str = "Compte désactivé";
/// After a deactivated collaborator's name in a select.
pub const DEACTIVATED_MARK: &str = " (désactivé)";
pub const SESSIONS_NONE: &str = "Aucune session ouverte.";
pub const SESSIONS_STARTED: &str = "Ouverte le";
pub const SESSIONS_LAST_SEEN: &str = "Dernière activité";
pub const SESSIONS_BROWSER: &str = "Navigateur ou client";
pub const SESSIONS_KIND: &str = "Type";
pub const SESSIONS_KIND_WEB: &str = "Application web";
pub const SESSIONS_KIND_API: &str = "API";
pub const SESSIONS_ACTIONS: &str = "Actions";
pub const SESSIONS_UNKNOWN_BROWSER: &str = "Navigateur inconnu";
pub const SESSIONS_THIS_ONE: &str = "Cette session";
pub const SESSIONS_END_ONE: &str = "Fermer cette session";
pub const SESSIONS_END_ALL: &str = "Fermer toutes les sessions";
pub const RGPD_CARD_TITLE: &str = "Données personnelles (RGPD)";
pub const RGPD_EXPORT: &str = "Télécharger ses données (JSON)";
pub const RGPD_ANONYMISE: &str = "Anonymiser";
pub const RGPD_ANONYMISED: &str = "Client anonymisé";
pub const RGPD_ANONYMISE_TITLE: &str = "Anonymiser le client";
pub const RGPD_WHAT_CHANGES: &str = "Ce qui va changer";
pub const RGPD_IRREVERSIBLE: &str = "C’est irréversible : les données effacées ne pourront pas être retrouvées.";
pub const RGPD_CONFIRM_LABEL: &str = "Je confirme l’anonymisation définitive de ce client.";
pub const RGPD_CONFIRM_LABEL_MANY: &str = "Je confirme l’anonymisation définitive des clients sélectionnés.";
pub const RGPD_CONFIRM_REQUIRED: &str = "Cochez la case pour confirmer l’anonymisation.";
pub const RGPD_ANONYMISE_BUTTON: &str = "Anonymiser définitivement";
pub const RGPD_ALREADY_ANONYMISED: &str = "Ce client est déjà anonymisé.";
pub const RGPD_BACK_TO_CLIENT: &str = "Retour à la fiche du client";
pub const RGPD_SELECT_SOME: &str = "Sélectionnez au moins un client.";
pub const RGPD_TOO_MANY: &str = "Trop de clients à la fois (500 au plus).";
pub const RGPD_RETENTION_TITLE: &str = "Conservation des données";
pub const RGPD_RETENTION_EMPTY: &str = "Aucun client sans contact depuis trois ans. Rien à anonymiser.";
pub const RGPD_SELECT: &str = "Sélectionner";
pub const RGPD_STATUS: &str = "Statut";
pub const RGPD_ANONYMISE_SELECTED: &str = "Anonymiser la sélection";
pub const RGPD_ANONYMISE_ALL_TITLE: &str = "Tout anonymiser";
pub const RGPD_ANONYMISE_ALL: &str = "Anonymiser tous les clients listés";
pub const RGPD_PROCESSING_TITLE: &str = "Registre des traitements";
pub const ADMIN_JOURNAL_HELP: &str = "Toutes les modifications, par collaborateur, type de fiche, action et date.";
pub const ADMIN_SECURITY_HELP: &str =
    "Connexions, échecs, blocages, mots de passe, sessions, exports et anonymisations.";
pub const ADMIN_RETENTION_HELP: &str = "Clients et prospects sans contact depuis trois ans, à anonymiser.";
pub const ADMIN_PROCESSING_HELP: &str = "Finalités, données, durées de conservation, droits des personnes.";

pub fn rgpd_replaced(name: &str, email: &str, phone: &str, company: &str) -> String {
    format!(
        "Le nom ({name}), l’adresse e-mail ({email}), le téléphone ({phone}) et l’entreprise ({company}) \
         sont remplacés par un pseudonyme aléatoire."
    )
}

pub fn rgpd_events_cleared(events: i64, with_notes: i64) -> String {
    format!(
        "Les notes de ses événements sont effacées ({with_notes} sur {events} en ont) ; ses noms et entreprises, \
         actuels et anciens, sont retirés de leurs titres, et seule la ville de leur lieu est gardée."
    )
}

pub fn rgpd_audit_scrubbed(records: i64) -> String {
    format!("Ses données sont effacées de l’historique ({records} entrées du client, de ses contrats et événements).")
}

pub fn rgpd_kept(contracts: i64) -> String {
    format!(
        "Les montants et les dates de ses {contracts} contrat(s) et de ses événements sont conservés (comptabilité)."
    )
}

pub fn rgpd_retention_intro(years: i32) -> String {
    format!(
        "Clients et prospects sans contact depuis {years} ans (ni modification de la fiche, ni contrat modifié, \
         ni événement depuis) : à anonymiser, selon les recommandations de la CNIL."
    )
}

/// `count` as the list shows it ("12", "plus de 1 000").
pub fn rgpd_confirm_all(count: &str) -> String {
    format!("Je confirme l’anonymisation définitive de tous les clients listés ({count}).")
}

/// The name an anonymised client gets (`short`: a random code).
pub fn pseudonym_name(short: &str) -> String {
    format!("Anonyme {short}")
}

pub fn pseudonym_company(short: &str) -> String {
    format!("Entreprise anonymisée {short}")
}

// Audit trail: what was done, as a label (the journal's filter and column)…
pub const ACTION_CREATE: &str = "Création";
pub const ACTION_UPDATE: &str = "Modification";
pub const ACTION_SIGN: &str = "Signature";
pub const ACTION_ASSIGN_SUPPORT: &str = "Assignation du support";
pub const ACTION_CHANGE_SALES_CONTACT: &str = "Changement de commercial";
pub const ACTION_DELETE: &str = "Suppression";
pub const ACTION_CHANGE_DEPARTMENT: &str = "Changement de département";
pub const ACTION_DEACTIVATE: &str = "Désactivation";
pub const ACTION_REACTIVATE: &str = "Réactivation";
pub const ACTION_RESET_PASSWORD: &str = "Réinitialisation du mot de passe";
pub const ACTION_CHANGE_PASSWORD: &str = "Changement de mot de passe";
pub const ACTION_ANONYMISE: &str = "Anonymisation";
pub const ACTION_EXPORT: &str = "Export des données";
pub const ACTION_EDIT_NOTE: &str = "Note corrigée";
pub const ACTION_DELETE_NOTE: &str = "Note supprimée";
pub const ACTION_CONFIRM: &str = "Confirmation";
pub const ACTION_UNCONFIRM: &str = "Retour à planifier";
pub const ACTION_CANCEL: &str = "Annulation";
pub const ACTION_RESTORE: &str = "Rétablissement";
pub const ACTION_CHANGE_SETTING: &str = "Changement de réglage";
// … and as a verb, after the author's name ("Marie Curie a signé le contrat")
pub const VERB_CREATE: &str = "a créé";
pub const VERB_UPDATE: &str = "a modifié";
pub const VERB_SIGN: &str = "a signé";
pub const VERB_ASSIGN_SUPPORT: &str = "a assigné le support";
pub const VERB_CHANGE_SALES_CONTACT: &str = "a changé le contact commercial";
pub const VERB_DELETE: &str = "a supprimé";
pub const VERB_CHANGE_DEPARTMENT: &str = "a changé le département";
pub const VERB_DEACTIVATE: &str = "a désactivé";
pub const VERB_REACTIVATE: &str = "a réactivé";
pub const VERB_RESET_PASSWORD: &str = "a réinitialisé le mot de passe";
pub const VERB_CHANGE_PASSWORD: &str = "a changé son mot de passe";
pub const VERB_ANONYMISE: &str = "a anonymisé";
pub const VERB_EXPORT: &str = "a exporté les données";
pub const VERB_EDIT_NOTE: &str = "a corrigé une note";
pub const VERB_DELETE_NOTE: &str = "a supprimé une note";
pub const VERB_CONFIRM: &str = "a confirmé";
pub const VERB_UNCONFIRM: &str = "a remis à planifier";
pub const VERB_CANCEL: &str = "a annulé";
pub const VERB_RESTORE: &str = "a rétabli";
pub const VERB_CHANGE_SETTING: &str = "a changé le réglage";
// Audit trail: fields without a form label of their own (the others reuse the forms' labels)
pub const FIELD_CLIENTS_HANDED_OVER: &str = "Clients transmis";
pub const FIELD_EVENTS_HANDED_OVER: &str = "Événements transmis";
pub const FIELD_CLASHES: &str = "Chevauchements";
pub const SETTING: &str = "Réglage";

// Security log: its own events (the audit actions it shows keep their labels above)
pub const SECURITY_SIGN_IN: &str = "Connexion";
pub const SECURITY_SIGN_IN_FAILED: &str = "Échec de connexion";
pub const SECURITY_LOCKOUT: &str = "Blocage après échecs";
pub const SECURITY_PASSWORD_CHANGED: &str = "Mot de passe changé";
pub const SECURITY_SESSION_ENDED: &str = "Session fermée par la gestion";
pub const SECURITY_SESSIONS_ENDED: &str = "Sessions fermées par la gestion";
pub const SECURITY_API_SIGN_IN_ENDED: &str = "Connexion API fermée par la gestion";
pub const SECURITY_REFRESH_TOKEN_REUSED: &str = "Jeton de rafraîchissement réutilisé";
pub const SECURITY_ACCESS_REFUSED: &str = "Action refusée";
pub const SECURITY_CALENDAR_FEED_CREATED: &str = "Lien d’agenda créé";
pub const SECURITY_CALENDAR_FEED_REVOKED: &str = "Lien d’agenda révoqué";
pub const SECURITY_LIST_EXPORTED: &str = "Export CSV";
pub const EXPORT_CSV: &str = "Exporter (CSV)";

pub const PROCESSING_INTRO: &str = "Epic Events traite les données personnelles de ses clients et de ses \
    collaborateurs pour organiser des événements. Cette page résume ce registre (article 30 du RGPD).";

/// (title, points) of the processing register.
pub const PROCESSING_SECTIONS: [(&str, &[&str]); 6] = [
    (
        "Finalités",
        &[
            "Suivi commercial des clients et prospects, contrats et facturation.",
            "Organisation des événements commandés (lieu, dates, participants, notes du support).",
            "Sécurité du service : connexions, sessions, journal d’audit des modifications.",
        ],
    ),
    (
        "Données traitées",
        &[
            "Clients : nom, adresse e-mail, téléphone, entreprise, commercial attitré.",
            "Contrats : montants, reste à payer, dates de création et de signature.",
            "Événements : titre, dates, lieu, nombre de participants, notes.",
            "Collaborateurs : matricule, nom, adresse e-mail, département, connexions (date, adresse IP, navigateur).",
        ],
    ),
    (
        "Durées de conservation",
        &[
            "Clients et prospects : trois ans après le dernier contact, puis anonymisation (page Conservation des données).",
            "Montants et dates des contrats : conservés anonymisés pour la comptabilité (dix ans).",
            "Tentatives de connexion : supprimées après 30 jours.",
            "Sessions : fermées après 30 minutes d’inactivité ou 8 heures ; leur adresse IP et leur navigateur sont effacés 30 jours après leur fin.",
            "Journal de sécurité (connexions, échecs, blocages, sessions fermées) : supprimé après 365 jours.",
            "Notifications : supprimées 90 jours après leur envoi ; le résumé quotidien par e-mail, s’il est activé, ne part que vers l’adresse professionnelle du collaborateur.",
            "Ces effacements sont automatiques, vérifiés toutes les heures.",
            "Client anonymisé : plus aucun contrat ni événement ne lui est ajouté, ni titre, lieu ou note de ses événements modifié.",
        ],
    ),
    (
        "Qui voit quoi",
        &[
            "Tous les collaborateurs consultent les clients, contrats et événements.",
            "Les commerciaux modifient leurs clients et les contrats de leurs clients (le commercial actuel du client, pas celui d’avant) ; le support, les dates, le lieu, les participants et les notes des événements qui lui sont assignés.",
            "Seule l’équipe de gestion administre : collaborateurs, journaux, exports et anonymisations.",
            "Aucune donnée n’est transmise à un tiers ; le suivi des erreurs, s’il est activé, ne reçoit aucune donnée personnelle.",
        ],
    ),
    (
        "Droits des personnes",
        &[
            "Accès et portabilité : la gestion télécharge toutes les données d’un client en un fichier JSON.",
            "Rectification : le commercial du client corrige sa fiche.",
            "Effacement : la gestion anonymise le client ; les montants restent, sans lien avec la personne.",
            "Opposition et limitation : sur demande, traitée par l’équipe de gestion.",
        ],
    ),
    (
        "Exercer ses droits",
        &[
            "Écrire à l’équipe de gestion d’Epic Events (gestion@epic-events.fr), qui répond sous un mois.",
            "Toute demande, export ou anonymisation est tracé dans le journal d’audit.",
            "Réclamation possible auprès de la CNIL (cnil.fr).",
        ],
    ),
];

// Notifications: the bell, its page, the daily e-mail
pub const NOTIFICATIONS: &str = "Notifications";
pub const NOTIFICATIONS_UNREAD: &str = "non lues";
pub const NOTIFICATIONS_INTRO: &str =
    "Ce qui vous concerne : événements confiés ou modifiés, contrats signés ou soldés, relances à faire.";
pub const NO_NOTIFICATIONS: &str = "Aucune notification pour l’instant.";
pub const NOTIFICATIONS_READ_ALL: &str = "Tout marquer comme lu";
pub const NOTIFICATION_OPEN: &str = "Ouvrir";
pub const NOTIFICATION_NEW: &str = "Nouveau";
pub const NOTICE_NOTIFICATIONS_READ: &str = "Toutes vos notifications sont lues.";
pub const NOTIFICATION_ASSIGNED: &str = "vous a confié l’événement";
pub const NOTIFICATION_EVENT: &str = "Événement";
pub const NOTIFICATION_CHANGED_BY: &str = "modifié par";
pub const NOTIFICATION_FIELD_DATES: &str = "dates";
pub const NOTIFICATION_FIELD_LOCATION: &str = "lieu";
pub const NOTIFICATION_FIELD_ATTENDEES: &str = "participants";
pub const NOTIFICATION_CONTRACT_OF: &str = "Contrat de";
pub const NOTIFICATION_SIGNED: &str = "signé";
pub const NOTIFICATION_PAID: &str = "soldé";
pub const NOTIFICATION_FOLLOW_UP_DUE: &str = "Relance à faire :";
pub const NOTIFICATION_WITHOUT_SUPPORT: &str = "a lieu dans moins de 14 jours et n’a toujours pas de support";
pub const DIGEST_SUBJECT: &str = "Epic Events : vos notifications du jour";
pub const DIGEST_INTRO: &str = "Bonjour, voici ce qui vous attend dans Epic Events :";
pub const DIGEST_OUTRO: &str = "Retrouvez-les dans l’application :";

// Notes and the record's timeline
pub const NOTE_KIND: &str = "Type";
pub const NOTE_KIND_CALL: &str = "Appel";
pub const NOTE_KIND_EMAIL: &str = "E-mail";
pub const NOTE_KIND_MEETING: &str = "Rendez-vous";
pub const NOTE_KIND_NOTE: &str = "Note";
pub const NOTE_KIND_INVALID: &str = "Choisissez un type de note : appel, e-mail, rendez-vous ou note.";
pub const NOTE_BODY: &str = "Texte";
pub const NOTE_BODY_REQUIRED: &str = "Écrivez le texte de la note.";
pub const NOTE_BODY_HELP: &str = "Ce qui a été dit ou convenu. Vous pourrez le corriger pendant 15 minutes.";
pub const ADD_NOTE: &str = "Ajouter une note";
pub const SAVE_NOTE: &str = "Enregistrer la note";
pub const TIMELINE: &str = "Notes et historique";
pub const NO_TIMELINE: &str = "Aucune note ni modification pour l’instant.";
pub const EDIT_NOTE: &str = "Corriger la note";
pub const DELETE_NOTE: &str = "Supprimer la note";
pub const NOTE_CHANGE_CLOSED: &str =
    "Cette note ne peut plus être corrigée : seul son auteur le peut, dans les 15 minutes qui suivent.";
pub const NOTE_ON_CONTRACT: &str = "sur un contrat";
pub const NOTE_ON_EVENT: &str = "sur un événement";
pub const NOTICE_NOTE_ADDED: &str = "La note a été ajoutée.";
pub const NOTICE_NOTE_UPDATED: &str = "La note a été corrigée.";
pub const NOTICE_NOTE_DELETED: &str = "La note a été supprimée.";

// Follow-ups ("relances")
pub const NAV_FOLLOW_UPS: &str = "Mes relances";
pub const FOLLOW_UPS: &str = "Relances";
pub const FOLLOW_UP_TITLE: &str = "À faire";
pub const FOLLOW_UP_TITLE_INVALID: &str = "Décrivez la relance en 1 à 200 caractères.";
pub const FOLLOW_UP_DUE: &str = "Échéance";
pub const FOLLOW_UP_DUE_PAST: &str = "L’échéance ne peut pas être passée.";
pub const FOLLOW_UP_DUE_TOO_FAR: &str = "L’échéance doit tomber dans les cinq ans.";
pub const FOLLOW_UP_OWNER: &str = "Pour";
pub const FOLLOW_UP_DONE_ON: &str = "Faite le";
pub const FOLLOW_UP_OWNER_INVALID: &str = "Choisissez un collaborateur actif.";
pub const ADD_FOLLOW_UP: &str = "Ajouter une relance";
pub const SAVE_FOLLOW_UP: &str = "Enregistrer la relance";
pub const NO_FOLLOW_UPS: &str = "Aucune relance en cours.";
pub const NO_FOLLOW_UPS_OF_MINE: &str = "Aucune relance en cours : tout est à jour.";
pub const FOLLOW_UP_DONE: &str = "Fait";
pub const FOLLOW_UP_UNDO: &str = "Annuler";
pub const FOLLOW_UPS_OVERDUE: &str = "En retard";
pub const FOLLOW_UPS_TODAY: &str = "Aujourd’hui";
pub const FOLLOW_UPS_LATER: &str = "Plus tard";
pub const FOLLOW_UPS_DONE_RECENTLY: &str = "Faites ces 7 derniers jours";
pub const FOLLOW_UPS_TEAM_OVERDUE: &str = "En retard, toute l’équipe";
pub const FOLLOW_UPS_MINE: &str = "Les miennes";
pub const ABOUT: &str = "Sujet";
pub const NOTICE_FOLLOW_UP_ADDED: &str = "La relance a été ajoutée.";
pub const NOTICE_FOLLOW_UP_DONE: &str = "Relance faite.";
pub const NOTICE_FOLLOW_UP_REOPENED: &str = "La relance est de nouveau à faire.";
pub const FOLLOW_UP_DONE_REQUIRED: &str = "Indiquez si la relance est faite (true) ou à refaire (false).";

// Client import
pub const IMPORT_CSV: &str = "Importer (CSV)";
pub const IMPORT_TITLE: &str = "Importer des clients (CSV)";
pub const IMPORT_HELP: &str = "Un fichier CSV en UTF-8, colonnes séparées par « ; » ou « , », avec une ligne d’en-tête \
    nommant au moins : nom complet (ou nom, full_name, name), e-mail (ou email, courriel), téléphone (ou phone) et \
    entreprise (ou société, company). Les autres colonnes sont ignorées. 10 000 lignes et 5 Mo au plus.";
pub const IMPORT_HELP_NEXT: &str =
    "Rien n’est enregistré à cette étape : un aperçu montre chaque ligne, ses erreurs et les doublons probables.";
pub const IMPORT_FILE: &str = "Fichier CSV";
pub const IMPORT_FOR_SALES: &str = "Pour le commercial";
pub const IMPORT_PREVIEW_BUTTON: &str = "Prévisualiser";
pub const IMPORT_PREVIEW_TITLE: &str = "Aperçu de l’import";
pub const IMPORT_CONFIRM: &str = "Confirmer l’import";
pub const IMPORT_AGAIN: &str = "Importer un autre fichier";
pub const IMPORT_LINE: &str = "Ligne";
pub const IMPORT_ROW_ERRORS: &str = "Erreurs";
pub const IMPORT_ERRORS_TITLE: &str = "Lignes en erreur (ignorées)";
pub const IMPORT_ERRORS_HELP: &str =
    "Ces lignes ne seront pas importées. Corrigez-les dans le fichier puis importez-le à nouveau si besoin.";
pub const IMPORT_DUPLICATES_TITLE: &str = "Doublons probables";
pub const IMPORT_DUPLICATES_HELP: &str = "Ces lignes ressemblent à des clients existants. Choisissez pour chacune : ignorer la ligne, ou mettre à jour le client avec ses valeurs.";
pub const IMPORT_READY_TITLE: &str = "Nouveaux clients";
pub const IMPORT_EXISTING: &str = "Client existant";
pub const IMPORT_DECISION: &str = "Décision";
pub const IMPORT_SKIP: &str = "Ignorer";
pub const IMPORT_UPDATE: &str = "Mettre à jour";
pub const IMPORT_SAME_EMAIL: &str = "même e-mail";
pub const IMPORT_SAME_NAME_COMPANY: &str = "même nom et même entreprise";
pub const IMPORT_NO_FILE: &str = "Choisissez un fichier CSV à importer.";
pub const IMPORT_NOT_UTF8: &str = "Ce fichier n’est pas en UTF-8 : enregistrez le fichier en UTF-8 (dans Excel : « CSV UTF-8 ») puis importez-le à nouveau.";
pub const IMPORT_NO_ROWS: &str = "Le fichier ne contient aucune ligne de client sous son en-tête.";
pub const IMPORT_FORMULA: &str =
    "la cellule commence par =, +, - ou @ (une formule de tableur) : ligne refusée par sécurité.";
pub const IMPORT_EXPIRED: &str = "Cet aperçu a expiré (au bout d’une heure) : importez le fichier à nouveau.";
pub const IMPORT_CHANGED: &str = "Des clients ont changé depuis l’aperçu (un doublon créé, modifié ou supprimé entre-temps) : rien n’a été importé. Importez le fichier à nouveau.";
pub const IMPORT_ONLY_SKIP_OTHER_SALES: &str = "client d’un autre commercial : seul celui-ci peut le modifier.";
pub const IMPORT_ONLY_SKIP_NOT_EDITOR: &str =
    "seul le commercial du client peut le modifier : la gestion crée les nouveaux clients et ignore les doublons.";
pub const IMPORT_ONLY_SKIP_ANONYMISED: &str = "client anonymisé : il ne peut plus être modifié.";
pub const IMPORT_SAME_CLIENT: &str = "correspond au même client existant qu’une ligne précédente du fichier.";
pub const IMPORT_NOTHING: &str = "Aucune ligne à importer.";
pub const IMPORT_RESULT_TITLE: &str = "Import terminé";
pub const IMPORT_IMPORTED_CLIENTS: &str = "Clients créés ou mis à jour";
pub const IMPORT_SEE_CLIENTS: &str = "Voir la liste des clients";

pub fn import_missing_columns(labels: &[&str]) -> String {
    format!(
        "Colonnes manquantes : {}. La première ligne du fichier doit nommer chaque colonne.",
        labels.join(", ").to_lowercase()
    )
}

pub fn import_repeated_column(label: &str) -> String {
    format!("La colonne « {} » apparaît deux fois dans l’en-tête.", label.to_lowercase())
}

pub fn import_too_many_rows(max: &str) -> String {
    format!("Le fichier a plus de {max} lignes : découpez-le en plusieurs fichiers.")
}

pub fn import_malformed(line: u64) -> String {
    format!("Le fichier n’est pas un CSV lisible (ligne {line}).")
}

pub fn import_too_large(megabytes: usize) -> String {
    format!(
        "Le fichier est trop volumineux : {megabytes} Mo au plus. Découpez-le en plusieurs fichiers. Rien n’a été importé."
    )
}

pub fn import_same_email_as_line(line: u64) -> String {
    format!("même e-mail que la ligne {line} du fichier.")
}

pub fn import_same_name_as_line(line: u64) -> String {
    format!("même nom et même entreprise que la ligne {line} du fichier.")
}

pub fn import_email_taken(line: u64) -> String {
    format!(
        "Ligne {line} : un client a été créé entre-temps avec cet e-mail. Rien n’a été importé : importez le fichier à nouveau."
    )
}

/// "12 lignes : 9 nouveaux clients, 1 doublon probable, 2 en erreur".
pub fn import_counts(total: usize, ready: usize, duplicates: usize, invalid: usize) -> String {
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n > 1 { many } else { one });
    format!(
        "{} : {}, {}, {}.",
        plural(total, "ligne", "lignes"),
        plural(ready, "nouveau client", "nouveaux clients"),
        plural(duplicates, "doublon probable", "doublons probables"),
        plural(invalid, "ligne en erreur", "lignes en erreur"),
    )
}

/// "9 clients créés, 1 mis à jour, 2 ignorés."
pub fn import_result(created: usize, updated: usize, skipped: usize) -> String {
    let s = |n: usize| if n > 1 { "s" } else { "" };
    format!("{created} client{} créé{}, {updated} mis à jour, {skipped} ignoré{}.", s(created), s(created), s(skipped))
}

pub fn import_for(sales: &str, file: &str) -> String {
    format!("Fichier « {file} », pour le portefeuille de {sales}.")
}

pub fn import_expires(time: &str) -> String {
    format!("Rien n’est encore enregistré. Cet aperçu reste valable jusqu’à {time}.")
}

pub fn import_more_ready(count: usize) -> String {
    format!("… et {count} autres nouveaux clients.")
}

// Event states and moves
pub const STATUS_TO_PLAN: &str = "À planifier";
pub const STATUS_CONFIRMED: &str = "Confirmé";
pub const STATUS_ONGOING: &str = "En cours";
pub const STATUS_FINISHED: &str = "Terminé";
pub const STATUS_CANCELLED: &str = "Annulé";
pub const STATUS_UNKNOWN: &str = "État inconnu : to_plan, confirmed ou cancelled.";
pub const STATUS_FOLLOWS_DATES: &str =
    "« En cours » et « Terminé » suivent les dates de l’événement : changez ses dates.";
pub const STATUS_UNCHANGED: &str = "L’événement est déjà dans cet état.";
pub const EVENT_FINISHED_NO_MOVE: &str = "Cet événement est terminé : son état ne change plus.";
pub const EVENT_CANCELLED_RESTORE_FIRST: &str =
    "Cet événement est annulé : rétablissez-le d’abord (il revient à planifier).";
pub const EVENT_ONGOING_NO_MOVE: &str = "Cet événement a commencé : il peut seulement être annulé.";
pub const EVENT_LOCKED: &str =
    "Cet événement est terminé ou annulé : il fait partie de l’historique, seule la direction le corrige.";
pub const EVENT_CANCELLED_NO_SUPPORT: &str = "Cet événement est annulé : il n’a plus besoin de support.";
pub const REASON: &str = "Motif";
pub const REASON_INVALID: &str = "Indiquez un motif d’au plus 500 caractères.";
pub const CANCEL_REASON_REQUIRED: &str = "Indiquez pourquoi l’événement est annulé.";
pub const CANCEL_EVENT: &str = "Annuler l’événement";
pub const CANCEL_EVENT_WHAT: &str = "L’événement reste consultable, avec son motif ; son support et son commercial sont prévenus. La direction peut le rétablir.";
pub const CONFIRM_EVENT: &str = "Confirmer l’événement";
pub const UNCONFIRM_EVENT: &str = "Remettre à planifier";
pub const RESTORE_EVENT: &str = "Rétablir l’événement";
pub const KEEP_EVENT: &str = "Ne pas annuler";
pub const CANCELLED_ON: &str = "Annulé le";
pub const NOTICE_STATUS_CHANGED: &str = "État de l’événement mis à jour.";
pub const NOTICE_STAGE_CHANGED: &str = "Étape du contrat mise à jour.";
pub const NOTICE_CANCELLED: &str = "Événement annulé. Il reste consultable.";
pub const NOTICE_RESTORED: &str = "Événement rétabli.";
pub const NOTICE_RESTORED_WITHOUT_SUPPORT: &str =
    "Événement rétabli, sans support : la personne qui l’avait est prise à ce moment. Il attend un support.";
pub const NOTIFICATION_CANCELLED: &str = "a annulé l’événement";

pub fn cancel_title(title: &str) -> String {
    format!("Annuler « {title} »")
}

// Support planning
pub const OVERRIDE_REASON: &str = "Motif du double engagement";
pub const OVERRIDE_REASON_HELP: &str =
    "Seulement si la personne choisie a déjà un événement trop proche : dites pourquoi elle est engagée quand même.";
pub const TRAVEL_BUFFER: &str = "Délai de déplacement (minutes)";
pub const TRAVEL_BUFFER_HELP: &str =
    "Le temps qu’il faut à un support entre deux événements ; en deçà, l’affecter aux deux demande un motif.";
pub const TRAVEL_BUFFER_INVALID: &str = "Un nombre de minutes, de 0 à 1440.";
pub const NOTICE_SETTING_CHANGED: &str = "Réglage enregistré.";
pub const SUGGESTED: &str = "Suggestion";
pub const NOBODY_FREE: &str = "Personne n’est libre à ce moment : toute affectation demande un motif.";
pub const PLACE_CLASHES: &str = "Même lieu, même moment";
pub const PLACE_CLASHES_WHAT: &str =
    "D’autres événements ont lieu à la même adresse sur des horaires qui se chevauchent :";
pub const SUPPORT_CLASHES: &str = "Support déjà pris";
pub const SUPPORT_CLASHES_WHAT: &str =
    "Le support de cet événement en a d’autres trop proches (délai de déplacement compris) :";

/// "« Gala » du 4 juin 2026 à 10:00 au 4 juin 2026 à 18:00".
pub fn clash(title: &str, starts_at: chrono::DateTime<chrono::Utc>, ends_at: chrono::DateTime<chrono::Utc>) -> String {
    use crate::domain::datetime::format_datetime;
    format!("« {title} » du {} au {}", format_datetime(starts_at), format_datetime(ends_at))
}

/// "14 h 30", "45 min", "0 h".
pub fn duration_minutes(minutes: i64) -> String {
    match (minutes / 60, minutes % 60) {
        (0, 0) => "0 h".to_owned(),
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m:02}"),
    }
}

/// "Léa Martin — 3 événements, 14 h cette semaine" (", déjà prise à ce moment" when busy).
pub fn candidate_label(name: &str, events: i64, minutes: i64, free: bool) -> String {
    let events = match events {
        0 => "aucun événement".to_owned(),
        1 => "1 événement".to_owned(),
        n => format!("{n} événements"),
    };
    let busy = if free { "" } else { " — déjà pris à ce moment" };
    format!("{name} — {events}, {} cette semaine{busy}", duration_minutes(minutes))
}

/// Why a busy support collaborator is not booked without a reason.
pub fn double_booked(name: &str, buffer_minutes: i32, clashes: &[crate::planning::model::Clash]) -> String {
    let what: Vec<String> = clashes.iter().map(|c| c.describe()).collect();
    let when = match buffer_minutes {
        0 => "en même temps que celui-ci".to_owned(),
        minutes => format!("à moins de {} de celui-ci", duration_minutes(i64::from(minutes))),
    };
    format!("{name} a déjà {} {when}. Pour l’engager quand même, indiquez un motif.", what.join(", "))
}

// Boards
pub const EVENT_BOARD: &str = "Tableau des événements";
pub const EVENT_BOARD_VIEW: &str = "Vue tableau";
pub const EVENT_LIST_VIEW: &str = "Vue liste";
pub const BOARD_MINE: &str = "Les miens";
pub const BOARD_HELP: &str = "Déplacez une carte avec son menu, ou en la glissant dans une autre colonne. « En cours » et « Terminé » suivent les dates.";
pub const BOARD_EMPTY: &str = "Aucun événement.";
pub const BOARD_NEXT: &str = "Voir les suivants";
pub const BOARD_FIRST: &str = "Revenir aux premiers";
pub const BOARD_CURSOR_INVALID: &str = "Position invalide dans la colonne.";
pub const CONTRACT_BOARD: &str = "Tableau des contrats";
pub const CONTRACT_BOARD_HELP: &str = "Déplacez une carte avec son menu, ou en la glissant dans une autre colonne. « Soldé » suit les paiements enregistrés.";
pub const CONTRACT_BOARD_EMPTY: &str = "Aucun contrat.";
pub const MOVE: &str = "Déplacer";

/// The move select's label, for screen readers.
pub fn move_card(title: &str) -> String {
    format!("Déplacer « {title} » vers")
}

// Payments: a contract's schedule, its payments, "Encaissements"
pub const NAV_COLLECTIONS: &str = "Encaissements";
pub const SCHEDULE: &str = "Échéancier";
pub const PAYMENTS: &str = "Paiements";
pub const PAYMENT: &str = "Paiement";
pub const ACTIONS: &str = "Actions";
pub const TOTAL_HELP: &str =
    "En euros, par exemple 1 234,56. Le reste à payer s’en déduit : le total moins les paiements enregistrés.";
pub const DEFAULT_MILESTONE_LABEL: &str = "Solde";
pub const MILESTONE: &str = "Échéance";
pub const MILESTONE_LABEL: &str = "Libellé";
pub const MILESTONE_LABEL_INVALID: &str = "Donnez un libellé à l’échéance (100 caractères au plus).";
pub const MILESTONE_SHARE: &str = "Part du total";
pub const SHARE_PERCENT: &str = "Un pourcentage du total";
pub const SHARE_AMOUNT: &str = "Un montant";
pub const SHARE_REST: &str = "Solde";
pub const SHARE_REST_TEXT: &str = "reste du total";
pub const MILESTONE_VALUE: &str = "Montant ou pourcentage";
pub const MILESTONE_VALUE_HELP: &str = "30 pour 30 %, ou un montant en euros (1 234,56) ; laissez vide pour le solde.";
pub const MILESTONE_SHARE_INVALID: &str = "Choisissez un pourcentage, un montant ou le solde.";
pub const MILESTONE_DUE_RULE: &str = "Échéance le";
pub const MILESTONE_DUE_ON: &str = "Date d’échéance";
pub const DUE_AT_SIGNING: &str = "À la signature";
pub const DUE_FROM_EVENT: &str = "Par rapport au premier événement";
pub const DUE_FIXED: &str = "À une date fixe";
pub const DUE_TO_BE_FIXED: &str = "À fixer";
pub const MILESTONE_DAYS: &str = "Jours par rapport au premier événement";
pub const MILESTONE_DAYS_HELP: &str =
    "−30 pour trente jours avant, 0 pour le jour même (échéance par rapport à l’événement).";
pub const MILESTONE_FIXED_ON: &str = "Date fixe";
pub const MILESTONE_FIXED_ON_HELP: &str = "Pour une échéance à date fixe.";
pub const MILESTONE_DUE_INVALID: &str = "Choisissez quand l’échéance tombe.";
pub const DAYS_FROM_EVENT_INVALID: &str = "Un nombre de jours entre −730 et 730, par exemple −30.";
pub const PERCENT_INVALID: &str = "Un pourcentage entre 0,01 et 100, par exemple 30.";
pub const MILESTONE_AMOUNT: &str = "Montant";
pub const MILESTONE_PAID_PART: &str = "Réglé";
pub const MILESTONE_PAID: &str = "Payée";
pub const MILESTONE_PARTLY_PAID: &str = "Payée en partie";
pub const MILESTONE_DUE: &str = "À venir";
pub const MILESTONE_OVERDUE: &str = "En retard";
pub const NO_MILESTONES: &str = "Aucune échéance : ajoutez-en une pour dire quand le client paie.";
pub const ADD_MILESTONE: &str = "Ajouter une échéance";
pub const SAVE_MILESTONE: &str = "Enregistrer l’échéance";
pub const DELETE_MILESTONE: &str = "Supprimer l’échéance";
pub const SCHEDULE_OVER_TOTAL: &str = "Les échéances dépasseraient le montant total du contrat.";
pub const SCHEDULE_TWO_RESTS: &str = "Une seule échéance peut être le solde.";
pub const RECORD_PAYMENT: &str = "Enregistrer un paiement";
pub const SAVE_PAYMENT: &str = "Enregistrer le paiement";
pub const DELETE_PAYMENT: &str = "Supprimer le paiement";
pub const PAID_ON: &str = "Payé le";
pub const PAYMENT_AMOUNT: &str = "Montant payé";
pub const PAYMENT_METHOD: &str = "Moyen de paiement";
pub const PAYMENT_TRANSFER: &str = "Virement";
pub const PAYMENT_CHEQUE: &str = "Chèque";
pub const PAYMENT_CARD: &str = "Carte bancaire";
pub const PAYMENT_CASH: &str = "Espèces";
pub const PAYMENT_CARRIED_OVER: &str = "Reprise (déjà payé avant l’échéancier)";
pub const PAYMENT_METHOD_INVALID: &str = "Choisissez un moyen de paiement : virement, chèque, carte ou espèces.";
pub const PAYMENT_IN_FUTURE: &str = "Un paiement ne peut être daté d’un jour à venir.";
pub const PAYMENT_AMOUNT_ZERO: &str = "Le montant payé doit dépasser 0 €.";
pub const PAYMENT_OVER_REMAINING: &str = "Ce paiement dépasse le reste à payer.";
pub const RECORDED_BY: &str = "Enregistré par";
pub const NO_PAYMENTS: &str = "Aucun paiement enregistré.";
pub const CONTRACT_WITH_PAYMENTS_NOT_DELETABLE: &str =
    "Ce contrat a des paiements enregistrés : la comptabilité le garde.";
pub const AMOUNT_REMAINING_READ_ONLY: &str = "Le reste à payer se déduit des paiements : enregistrez un paiement (/contracts/{id}/payments) au lieu de le saisir.";
pub const COLLECTIONS_OVERDUE: &str = "Échéances en retard";
pub const COLLECTIONS_BY_MONTH: &str = "Par mois : échu et encaissé";
pub const NO_OVERDUE_MILESTONES: &str = "Aucune échéance en retard. Tout est à jour.";
pub const NO_MILESTONES_DUE_SOON: &str = "Aucune échéance à venir dans les 30 prochains jours.";
pub const OWED: &str = "Reste dû";
pub const EVERYONE: &str = "Tous";
pub const FILTER: &str = "Filtrer";
pub const MONTH: &str = "Mois";
pub const MONTH_DUE: &str = "Échéances du mois";
pub const MONTH_COLLECTED: &str = "Encaissé";
pub const NOTICE_PAYMENT_RECORDED: &str = "Le paiement a été enregistré.";
pub const NOTICE_PAYMENT_DELETED: &str = "Le paiement a été supprimé.";
pub const NOTICE_MILESTONE_ADDED: &str = "L’échéance a été ajoutée.";
pub const NOTICE_MILESTONE_DELETED: &str = "L’échéance a été supprimée.";
pub const ACTION_RECORD_PAYMENT: &str = "Paiement enregistré";
pub const ACTION_DELETE_PAYMENT: &str = "Paiement supprimé";
pub const ACTION_ADD_MILESTONE: &str = "Échéance ajoutée";
pub const ACTION_DELETE_MILESTONE: &str = "Échéance supprimée";
pub const ACTION_PROPOSE: &str = "Proposition envoyée";
pub const ACTION_UNPROPOSE: &str = "Retour en prospect";
pub const VERB_RECORD_PAYMENT: &str = "a enregistré un paiement";
pub const VERB_DELETE_PAYMENT: &str = "a supprimé un paiement";
pub const VERB_ADD_MILESTONE: &str = "a ajouté une échéance";
pub const VERB_DELETE_MILESTONE: &str = "a supprimé une échéance";
pub const VERB_PROPOSE: &str = "a envoyé la proposition";
pub const VERB_UNPROPOSE: &str = "a remis en prospect";
pub const NOTIFICATION_MILESTONE: &str = "Échéance";
pub const NOTIFICATION_OF_CONTRACT_OF: &str = "du contrat de";
pub const NOTIFICATION_MILESTONE_DUE: &str = "à encaisser d’ici 7 jours";
pub const NOTIFICATION_EVENT_UNPAID: &str = "a lieu dans moins de 14 jours et son contrat n’est pas soldé";

/// "30 %", "12,5 %" from basis points.
pub fn percent(bp: u16) -> String {
    let (whole, fraction) = (bp / 100, bp % 100);
    match fraction {
        0 => format!("{whole}\u{a0}%"),
        f if f % 10 == 0 => format!("{whole},{}\u{a0}%", f / 10),
        f => format!("{whole},{f:02}\u{a0}%"),
    }
}

/// "30 jours avant le premier événement", "Le jour du premier événement".
pub fn due_from_event(days: i32) -> String {
    let count = |n: u32| if n == 1 { "1 jour".to_owned() } else { format!("{n} jours") };
    match days {
        0 => "Le jour du premier événement".to_owned(),
        d if d < 0 => format!("{} avant le premier événement", count(d.unsigned_abs())),
        d => format!("{} après le premier événement", count(d.unsigned_abs())),
    }
}

pub fn unscheduled(amount: &str) -> String {
    format!("Non échelonné : {amount} du total ne sont demandés par aucune échéance.")
}

pub fn payment_over_remaining(remaining: &str) -> String {
    format!("Ce paiement dépasse le reste à payer ({remaining}).")
}

pub fn total_below_paid(paid: &str) -> String {
    format!("Le total ne peut être inférieur à ce qui est déjà payé ({paid}).")
}

pub fn collections_due_soon(days: i64) -> String {
    format!("À échoir dans les {days} prochains jours")
}

/// "1–50 sur 120 · 12 000,00 € dus".
pub fn owed_summary(first: i64, last: i64, count: i64, owed: &str) -> String {
    format!("{first}–{last} sur {count} · {owed} dus")
}

pub fn delete_payment_title(amount: &str, day: &str) -> String {
    format!("Supprimer le paiement de {amount} du {day}")
}

pub fn delete_payment_what(remaining: &str, after: &str) -> String {
    format!(
        "Le reste à payer passera de {remaining} à {after}. Le journal du contrat garde la trace du paiement supprimé."
    )
}

// Debriefs
pub const DEBRIEF: &str = "Débrief";
pub const DEBRIEF_MISSING: &str =
    "Pas encore de débrief : le support de l’événement l’écrit une fois l’événement terminé.";
pub const WRITE_DEBRIEF: &str = "Écrire le débrief";
pub const EDIT_DEBRIEF: &str = "Corriger le débrief";
pub const SAVE_DEBRIEF: &str = "Enregistrer le débrief";
pub const WENT_WELL: &str = "Ce qui a bien marché";
pub const WENT_BADLY: &str = "Ce qui n’a pas marché";
pub const SATISFACTION: &str = "Satisfaction du client";
pub const SATISFACTION_FIELD: &str = "Satisfaction du client (1 à 5)";
pub const SATISFACTION_HELP: &str = "1 : très mécontent, 5 : ravi.";
pub const ACTUAL_ATTENDEES: &str = "Participants venus";
pub const WRITTEN_BY: &str = "Écrit par";
pub const SATISFACTION_INVALID: &str = "Indiquez une satisfaction de 1 à 5.";
pub const ACTUAL_ATTENDEES_INVALID: &str = "Indiquez le nombre de participants venus (0 ou plus).";
pub const DEBRIEF_TEXT_TOO_LONG: &str = "2 000 caractères au plus.";
pub const DEBRIEF_AFTER_THE_EVENT: &str = "Le débrief s’écrit une fois l’événement terminé (et non annulé).";
pub const NO_DEBRIEF_YET: &str = "Pas encore de débrief.";
pub const ACTION_DEBRIEF: &str = "Débrief";
pub const VERB_DEBRIEF: &str = "a écrit le débrief";
pub const NOTICE_DEBRIEF_SAVED: &str = "Débrief enregistré.";
pub const NOTICE_DEBRIEF_WITH_FOLLOW_UP: &str =
    "Débrief enregistré. Le commercial a une relance pour proposer la prochaine édition.";

/// "4 / 5".
pub fn satisfaction_score(score: i16) -> String {
    format!("{score} / 5")
}

/// "4,5 / 5 sur 2 événements".
pub fn satisfaction_mean(mean: &str, debriefs: i64) -> String {
    let events = if debriefs == 1 { "événement" } else { "événements" };
    format!("{mean} / 5 sur {debriefs} {events}")
}

/// "180 (200 prévus)".
pub fn attendees_against(came: i32, planned: i32) -> String {
    format!("{came} ({planned} prévus)")
}

/// The sales contact's follow-up once an event is debriefed.
pub fn next_edition(title: &str) -> String {
    format!("Proposer la prochaine édition : {title}")
}

// Run sheet ("feuille de route")
pub const RUN_SHEET: &str = "Feuille de route";
pub const RUN_SHEET_OPEN: &str = "Feuille de route";
pub const RUN_SHEET_PDF: &str = "Télécharger le PDF";
pub const RUN_SHEET_PRINT_HINT: &str = "Imprimez cette page (une feuille A4) ou téléchargez-la en PDF.";
pub const RUN_SHEET_TIMELINE: &str = "Déroulé de la journée";
pub const RUN_SHEET_NO_ITEMS: &str = "Aucune étape pour l’instant.";
pub const RUN_SHEET_PLACE: &str = "Lieu et accès";
pub const RUN_SHEET_ACCESS_NOTES: &str = "Accès au lieu";
pub const RUN_SHEET_ACCESS_NOTES_HELP: &str = "Entrée, parking, badge, quai de livraison… (1 000 caractères au plus).";
pub const RUN_SHEET_ONSITE_CONTACT: &str = "Contact sur place";
pub const RUN_SHEET_ONSITE_CONTACT_NAME: &str = "Nom du contact sur place";
pub const RUN_SHEET_ONSITE_CONTACT_PHONE: &str = "Téléphone du contact sur place";
pub const RUN_SHEET_PEOPLE: &str = "Équipe";
pub const RUN_SHEET_FOLLOW_UPS: &str = "Relances en cours";
pub const RUN_SHEET_NO_FOLLOW_UPS: &str = "Aucune relance en cours.";
pub const RUN_SHEET_EDIT_DETAILS: &str = "Modifier l’accès et le contact sur place";
pub const RUN_SHEET_SAVE_DETAILS: &str = "Enregistrer l’accès et le contact";
pub const RUN_SHEET_NOT_GIVEN: &str = "Non renseigné";
pub const RUN_SHEET_ACCESS_NOTES_TOO_LONG: &str = "Les notes d’accès font 1 000 caractères au plus.";
pub const RUN_SHEET_CONTACT_NAME_INVALID: &str = "Le nom du contact sur place fait 120 caractères au plus.";
pub const RUN_SHEET_CONTACT_PHONE_WITHOUT_NAME: &str = "Donnez aussi le nom du contact sur place.";
pub const TIMELINE_ADD: &str = "Ajouter une étape";
pub const TIMELINE_SAVE: &str = "Enregistrer l’étape";
pub const TIMELINE_EDIT: &str = "Modifier l’étape";
pub const TIMELINE_DELETE: &str = "Supprimer l’étape";
pub const TIMELINE_AT: &str = "Horaire";
pub const TIMELINE_AT_HELP: &str = "Heure de Paris, entre la veille du début et le lendemain de la fin de l’événement.";
pub const TIMELINE_KIND: &str = "Type d’étape";
pub const TIMELINE_LABEL: &str = "Libellé";
pub const TIMELINE_DETAILS: &str = "Précisions";
pub const TIMELINE_DETAILS_HELP: &str = "Facultatif, 500 caractères au plus.";
pub const TIMELINE_LABEL_INVALID: &str = "Donnez un libellé à l’étape (120 caractères au plus).";
pub const TIMELINE_DETAILS_TOO_LONG: &str = "Les précisions font 500 caractères au plus.";
pub const TIMELINE_KIND_INVALID: &str = "Choisissez un type d’étape de la liste.";
pub const TIMELINE_AT_OUTSIDE: &str =
    "L’horaire doit se situer entre la veille du début et le lendemain de la fin de l’événement.";
pub const TIMELINE_TOO_MANY: &str = "Une feuille de route compte 40 étapes au plus.";
pub const TIMELINE_SETUP: &str = "Installation";
pub const TIMELINE_DOORS: &str = "Ouverture des portes";
pub const TIMELINE_PROGRAMME: &str = "Programme";
pub const TIMELINE_TEARDOWN: &str = "Démontage";
pub const NOTICE_RUN_SHEET_UPDATED: &str = "La feuille de route a été mise à jour.";
pub const NOTICE_TIMELINE_ADDED: &str = "L’étape a été ajoutée.";
pub const NOTICE_TIMELINE_UPDATED: &str = "L’étape a été modifiée.";
pub const NOTICE_TIMELINE_DELETED: &str = "L’étape a été supprimée.";
pub const ACTION_EDIT_RUN_SHEET: &str = "Feuille de route";
pub const VERB_EDIT_RUN_SHEET: &str = "a modifié la feuille de route";
pub const FIELD_TIMELINE_ITEM: &str = "Étape";
pub const PDF_GENERATED: &str = "Édité le";

/// The PDF's file name: the event's id only (no client name in a file that travels).
pub fn run_sheet_file_name(id: impl std::fmt::Display) -> String {
    format!("feuille-de-route-{id}.pdf")
}

// Readiness
pub const READINESS: &str = "Préparation";
pub const READY: &str = "Prêt";
pub const AT_RISK: &str = "À risque";
pub const CHECK_MET: &str = "fait";
pub const CHECK_MISSING: &str = "à faire";
pub const READY_SUPPORT: &str = "Un support est assigné";
pub const READY_PLACE: &str = "Le lieu et le nombre de participants sont renseignés";
pub const READY_SIGNED: &str = "Le contrat est signé";
pub const READY_PAID: &str = "Les échéances dues avant l’événement sont payées";
pub const READY_RUN_SHEET: &str = "La feuille de route a son déroulé";
pub const READY_FOLLOW_UPS: &str = "Aucune relance de l’événement en retard";
pub const EVENTS_AT_RISK: &str = "À risque";
pub const QUEUE_EVENTS_AT_RISK: &str = "Événements à risque (14 jours)";

/// "À risque : 2 points à régler".
pub fn at_risk_count(missing: usize) -> String {
    if missing == 1 {
        "À risque : 1 point à régler".to_owned()
    } else {
        format!("À risque : {missing} points à régler")
    }
}

// The account page's work phone
pub const WORK_PHONE: &str = "Téléphone professionnel";
pub const WORK_PHONE_HELP: &str = "Affiché sur les feuilles de route de vos événements. Laissez vide pour le retirer.";
pub const SAVE_PHONE: &str = "Enregistrer le téléphone";
pub const NOTICE_PHONE_SAVED: &str = "Téléphone enregistré.";
