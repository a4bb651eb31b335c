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
pub const SIGN_IN_PENDING: &str = "Connexion…";
pub const SIGNED_OUT_NOTICE: &str = "Vous êtes déconnecté.";
pub const SESSION_ENDED_NOTICE: &str = "Votre session a pris fin. Reconnectez-vous pour continuer.";

// Validation
pub const EMAIL_REQUIRED: &str = "Saisissez votre adresse e-mail.";
pub const EMAIL_INVALID: &str = "Cette adresse e-mail n’est pas valide.";
pub const PASSWORD_REQUIRED: &str = "Saisissez votre mot de passe.";
pub const FORM_HAS_ERRORS: &str = "Le formulaire contient des erreurs :";

// Errors
pub const ERR_UNAUTHORIZED: &str = "Votre session a expiré. Reconnectez-vous.";
pub const ERR_FORBIDDEN: &str = "Vous n’avez pas les droits pour cette action.";
pub const ERR_NOT_FOUND: &str = "Cette page ou cet élément n’existe pas.";
pub const ERR_VALIDATION: &str = "Certaines informations sont invalides.";
pub const ERR_BAD_CREDENTIALS: &str = "Adresse e-mail ou mot de passe incorrect.";
pub const ERR_BAD_REQUEST: &str = "La requête est invalide.";
pub const ERR_INTERNAL: &str = "Une erreur inattendue est survenue. Réessayez plus tard.";
pub const ERR_PAGE_TITLE: &str = "Page introuvable";
pub const ERR_FORBIDDEN_TITLE: &str = "Accès refusé";
pub const BACK_HOME: &str = "Retour à l’accueil";

pub fn err_throttled(minutes: i64) -> String {
    let unit = if minutes > 1 { "minutes" } else { "minute" };
    format!("Trop de tentatives de connexion. Réessayez dans {minutes} {unit}.")
}

// Placeholder sections
pub const HOME_TITLE: &str = "Tableau de bord";
pub fn welcome(name: &str) -> String {
    format!("Bonjour {name}.")
}
pub const HOME_INTRO: &str = "Retrouvez vos clients, contrats et événements dans le menu.";
pub const SECTION_COMING: &str = "Cette section arrive bientôt.";
