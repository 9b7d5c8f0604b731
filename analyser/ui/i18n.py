"""Interface strings in French (the default) and English; `t(key, lang, **values)` picks and formats one."""

from __future__ import annotations

from analyser.grid import ETHICS_QUESTIONS, GRID, STANCES
from analyser.stages.signals.components import COMPONENTS
from analyser.vocabulary import BLIND_SPOT_REASONS, CANDIDATE_STATUSES, GATHERED, REJECT_REASONS, REVIEW_STATUSES, UNCLEAR_STAGE

LANGUAGES = {"fr": "Français", "en": "English"}

STRINGS: dict[str, tuple[str, str]] = {
    # navigation and shell
    "app_title": ("Analyseur de signaux faibles", "Weak-signal analyser"),
    "page_week": ("Cette semaine", "This week"),
    "page_signals": ("Signaux", "Signals"),
    "page_cluster": ("Cluster", "Cluster"),
    "page_map": ("Carte", "Map"),
    "page_journey": ("Parcours client", "Customer journey"),
    "page_queue": ("File de revue", "Review queue"),
    "page_candidates": ("Cas d'usage candidats", "Use-case candidates"),
    "language": ("Langue", "Language"),
    "reviewer": ("Relecteur", "Reviewer"),
    "reviewer_name": ("Votre nom (obligatoire avant toute action)", "Your name (required before any action)"),
    "reviewer_needed": ("Saisissez votre nom dans la barre latérale pour agir.", "Enter your name in the sidebar to take actions."),
    # sign-in and roles ([app] auth, [app.roles]; analyser/access.py)
    "auth_none_caption": (
        "Sans connexion ([app] auth = \"none\") : application locale pour une seule personne, qui a tous les droits. "
        "Pour une équipe, activez le proxy ou OpenID Connect (README, « Deploying for a team »).",
        "No sign-in ([app] auth = \"none\"): a local app for one person, who may do everything. "
        "For a team, turn on the proxy or OpenID Connect (README, \"Deploying for a team\").",
    ),
    "signed_in_as": ("{name} · rôle {role} : {may}.", "{name} · role {role}: {may}."),
    "signed_in_by_proxy": ("Identifié par le proxy : {name}", "Signed in by the proxy: {name}"),
    "signed_in_oidc": ("Connecté : {name}", "Signed in: {name}"),
    "role_viewer": ("lecteur", "viewer"),
    "role_reviewer": ("relecteur", "reviewer"),
    "role_coach": ("coach", "coach"),
    "role_admin": ("administrateur", "admin"),
    "may_viewer": (
        "vous pouvez consulter les signaux, les clusters, le parcours et les cas d'usage ; décider demande le rôle relecteur, "
        "exporter le rôle coach",
        "you may read signals, clusters, the journey and use cases; deciding takes the reviewer role, exporting the coach role",
    ),
    "may_reviewer": (
        "vous pouvez consulter et décider (valider, rejeter, renommer, étiqueter, fusionner, commenter) ; promouvoir, "
        "compléter les cas d'usage et exporter demandent le rôle coach",
        "you may read and decide (validate, reject, rename, tag, merge, comment); promoting, editing use cases and "
        "exporting take the coach role",
    ),
    "may_coach": ("vous pouvez consulter, décider, promouvoir et compléter les cas d'usage, et exporter",
                  "you may read, decide, promote and edit use cases, and export"),
    "may_admin": ("vous pouvez tout faire", "you may do everything"),
    "needs_role": ("Votre rôle ({role}) ne suffit pas pour {doing} : il faut le rôle {needed}. Demandez-le à un administrateur.",
                   "Your role ({role}) is not enough to {doing}: that takes the {needed} role. Ask an admin for it."),
    "doing_decide": ("décider (valider, rejeter, renommer…)", "decide (validate, reject, rename…)"),
    "doing_promote": ("promouvoir en cas d'usage", "promote to a use case"),
    "doing_edit_candidate": ("modifier les cas d'usage", "edit use cases"),
    "doing_export": ("exporter", "export"),
    "proxy_header_missing": (
        "Accès refusé : la requête n'a pas l'en-tête {header} que pose le proxy d'authentification. Ouvrez l'application par "
        "l'adresse du proxy. (Administrateur : vérifiez [app.proxy] user_header.)",
        "Access refused: the request lacks the {header} header that the sign-on proxy sets. Open the app through the "
        "proxy's address. (Admin: check [app.proxy] user_header.)",
    ),
    "no_role": ("Accès refusé : {who} n'a pas de rôle dans cette application. Un administrateur peut l'ajouter dans [app.roles].",
                "Access refused: {who} has no role in this app. An admin can add one in [app.roles]."),
    "sign_in_needed": ("Connectez-vous pour ouvrir l'analyseur.", "Sign in to open the analyser."),
    "sign_in": ("Se connecter", "Sign in"),
    "sign_out": ("Se déconnecter", "Sign out"),
    "oidc_misconfigured": (
        "La connexion OpenID Connect n'est pas configurée : {error} Corrigez la section [auth] de .streamlit/secrets.toml "
        "(README, « Deploying for a team »).",
        "OpenID Connect sign-in is not set up: {error} Fix the [auth] section of .streamlit/secrets.toml "
        "(README, \"Deploying for a team\").",
    ),
    "no_run": (
        "Aucune exécution terminée dans {path}. Lancez d'abord : analyser run",
        "No complete run in {path} yet. Run first: analyser run",
    ),
    "db_busy": ("Base occupée par le traitement de nuit, réessayez dans un instant : {error}",
                "The database is busy with the nightly batch, retry in a moment: {error}"),
    "freshness": (
        "Dernière exécution {run_id} terminée le {completed:%d/%m/%Y %H:%M} ({status}) · {tickets} tickets du {first:%d/%m/%Y} "
        "au {last:%d/%m/%Y} · {clusters} clusters",
        "Last run {run_id} finished {completed:%Y-%m-%d %H:%M} ({status}) · {tickets} tickets from {first:%Y-%m-%d} "
        "to {last:%Y-%m-%d} · {clusters} clusters",
    ),
    "running_now": ("Une exécution est en cours ({run_id}) : vous voyez la précédente.",
                    "A run is in progress ({run_id}): you are seeing the previous one."),
    "signals_missing": ("Les scores de signaux faibles apparaîtront après l'étape « signaux » ; tri par taille.",
                        "Weak-signal scores appear once the signals stage has run; sorted by size."),
    # filters and columns
    "filters": ("Filtres", "Filters"),
    "filter_stage": ("Étape du parcours", "Journey stage"),
    "filter_status": ("Statut de revue", "Review status"),
    "filter_channel": ("Canal", "Channel"),
    "filter_product": ("Produit", "Product"),
    "filter_window": ("Période des tickets", "Ticket date window"),
    "filter_text": ("Recherche (titres, mots-clés, tickets)", "Search (titles, keywords, tickets)"),
    "shown": ("{shown} clusters affichés sur {total}", "{shown} of {total} clusters shown"),
    "col_title": ("Titre", "Title"),
    "col_size": ("Tickets", "Tickets"),
    "col_trend": ("Tendance hebdo", "Weekly trend"),
    "col_score": ("Score", "Score"),
    "col_badges": ("Signaux", "Signals"),
    "col_stage": ("Étape", "Stage"),
    "col_status": ("Statut", "Status"),
    "col_keywords": ("Mots-clés", "Keywords"),
    "open_cluster": ("Ouvrir le cluster", "Open cluster"),
    "pick_cluster": ("Cluster", "Cluster"),
    "gathered_help": (
        "Rassemblé : ces tickets formaient une poche récente que le clustering avait dispersée dans d'autres clusters ; "
        "ils sont réunis ici, et les passages suivants les gardent ensemble et y ajoutent les nouveaux tickets qui leur ressemblent.",
        "Gathered: these tickets formed a recent pocket that the clustering had spread over other clusters; they are put "
        "together here, and later runs keep them together and add the new tickets that resemble them.",
    ),
    # cluster page
    "summary": ("Résumé", "Summary"),
    "expected_instead": ("Ce que les clients attendaient", "What customers expected instead"),
    "label_source": ("Titre et résumé générés ({provider} {model}) : à relire", "Title and summary generated ({provider} {model}): review them"),
    "no_summary": ("Pas encore de résumé généré.", "No generated summary yet."),
    "title_human": ("titre donné par un relecteur", "title given by a reviewer"),
    "title_generated": ("titre généré", "generated title"),
    "title_keywords": ("titre provisoire (mots-clés)", "provisional title (keywords)"),
    "components": ("Pourquoi ce score", "Why this score"),
    "weekly_volume": ("Volume hebdomadaire", "Weekly volume"),
    "breakdown": ("Répartition", "Breakdown"),
    "dim_channel": ("Canal", "Channel"),
    "dim_product": ("Produit", "Product"),
    "dim_category": ("Catégorie d'origine", "Original category"),
    "tickets": ("Tickets représentatifs (texte anonymisé)", "Representative tickets (redacted text)"),
    "read_more": ("Lire la suite", "Read more"),
    "more_tickets": ("Afficher plus de tickets", "Show more tickets"),
    "suggestions": ("Suggestions de revue", "Review suggestions"),
    "suggest_merges": ("Clusters les plus proches (à fusionner ?)", "Closest clusters (merge?)"),
    "suggest_merge_line": ("{cluster} · {words} · similarité {similarity:.0%} · mots-clés communs : {shared}",
                           "{cluster} · {words} · similarity {similarity:.0%} · shared keywords: {shared}"),
    "none_shared": ("aucun", "none"),
    "suggest_outliers": ("Tickets les moins proches du cluster (à vérifier)", "Tickets least like the cluster (to check)"),
    "suggest_strength": ("Appartenance {strength:.2f}", "Membership {strength:.2f}"),
    "lineage": ("Filiation", "Lineage"),
    "lineage_none": ("Aucun événement de filiation.", "No lineage event."),
    "history": ("Historique de revue", "Review history"),
    "history_empty": ("Aucune décision pour l'instant.", "No decision yet."),
    "not_in_run": ("Le cluster {cluster_id} n'existe pas dans la dernière exécution.", "Cluster {cluster_id} is not in the last run."),
    # actions
    "actions": ("Décisions", "Decisions"),
    "more_actions": ("Étiquettes, fusion, commentaire", "Tags, merge, comment"),
    "choose": ("Choisir", "Choose"),
    "rename": ("Renommer", "Rename"),
    "new_title": ("Nouveau titre", "New title"),
    "tag": ("Étiqueter", "Tag"),
    "tags": ("Étiquettes", "Tags"),
    "free_tags": ("Étiquettes libres (séparées par des virgules)", "Free tags (comma separated)"),
    "untag": ("Retirer", "Remove"),
    "set_stage": ("Changer l'étape", "Set stage"),
    "validate": ("Valider comme irritant", "Validate as friction"),
    "reject": ("Rejeter", "Reject"),
    "reject_reason": ("Motif", "Reason"),
    "split_from": ("Issu de la scission de {parents} : décisions héritées à revoir.", "Split from {parents}: inherited decisions to review."),
    "inherited": ("Décision héritée de {cluster_id} ({relation}) : {status}", "Decision inherited from {cluster_id} ({relation}): {status}"),
    "merged_into_note": ("Fusionné par un relecteur dans {target}.", "Merged by a reviewer into {target}."),
    "conflict_change": ("{actor} · {action} · {at}", "{actor} · {action} · {at}"),
    "reopen": ("Rouvrir", "Reopen"),
    "merge": ("Fusionner dans ce cluster", "Merge into this cluster"),
    "merge_sources": ("Clusters à fusionner", "Clusters to merge"),
    "week_period": ("Période", "Period"),
    "week_days": ("{days} jours", "{days} days"),
    "week_alerts": ("Alertes", "Alerts"),
    "week_new": ("Nouveaux thèmes", "New themes"),
    "week_up": ("En hausse", "Up"),
    "week_down": ("En baisse", "Down"),
    "week_pockets": ("Poches et tranches", "Pockets and slices"),
    "week_blind": ("Angles morts", "Blind spots"),
    "week_queue": ("Top 20 revus", "Top 20 reviewed"),
    "week_download": ("Télécharger le résumé ({fmt})", "Download the briefing ({fmt})"),
    "move_title": ("Déplacer des tickets", "Move tickets"),
    "move_help": (
        "Les tickets déplacés restent où vous les mettez à chaque exécution suivante ; ils guident aussi le regroupement.",
        "Moved tickets stay where you put them in every later run; they also guide the clustering.",
    ),
    "move_tickets": ("Tickets à déplacer", "Tickets to move"),
    "move_target": ("Vers", "To"),
    "move_unclustered": ("Non classés (hors de tout cluster)", "Unclustered (out of every cluster)"),
    "move": ("Déplacer", "Move"),
    "comment": ("Commenter", "Comment"),
    "comment_text": ("Commentaire", "Comment"),
    "promote": ("Promouvoir en cas d'usage", "Promote to use case"),
    "done": ("Enregistré : {action}", "Saved: {action}"),
    "conflict": (
        "Ce cluster a changé depuis que vous l'avez ouvert : {detail}. Rechargez et vérifiez avant de refaire votre action.",
        "This cluster changed since you opened it: {detail}. Reload and check before doing it again.",
    ),
    "action_error": ("Action refusée : {error}", "Action refused: {error}"),
    "reload": ("Recharger", "Reload"),
    # queue
    "queue_empty": ("Rien à revoir : tous les clusters ont une décision.", "Nothing to review: every cluster has a decision."),
    "queue_position": ("Cluster {position} sur {total} à revoir", "Cluster {position} of {total} to review"),
    "skip": ("Passer", "Skip"),
    # candidates
    "candidates_empty": ("Aucun cas d'usage candidat : promouvez un irritant validé.", "No use-case candidate yet: promote a validated friction."),
    "grid": ("Grille de priorisation (1 à 5)", "Prioritisation grid (1 to 5)"),
    "not_scored": ("à noter", "to score"),
    "justification": ("Justification", "Justification"),
    "stance": ("Posture", "Stance"),
    "ethics": ("Questions éthiques", "Ethics questions"),
    "owner": ("Responsable", "Owner"),
    "candidate_status": ("Statut du cas", "Candidate status"),
    "edit_candidate": ("Cas d'usage à compléter", "Use case to edit"),
    "save_candidate": ("Enregistrer le cas d'usage", "Save use case"),
    "value_feasibility": ("Valeur et faisabilité", "Value versus feasibility"),
    "value": ("Valeur", "Value"),
    "feasibility": ("Faisabilité", "Feasibility"),
    "exports": ("Exports", "Exports"),
    "recent_groups": ("Poches récentes", "Recent pockets"),
    "recent_groups_help": (
        "Des tickets récents serrés les uns contre les autres, dont les voisins sont surtout récents : une douleur nouvelle, "
        "même quand elle se cache dans un ancien cluster ou reste hors cluster. Une tranche en croissance est une partie d'un "
        "ancien sujet qui reçoit plus de tickets que le hasard ne l'explique (dates mélangées).",
        "Recent tickets packed together whose neighbours are mostly recent: a new pain, even when it hides inside an old "
        "cluster or stays unclustered. A growing slice is part of an old topic receiving more tickets than chance explains "
        "(shuffled dates).",
    ),
    "pocket_header": (
        "Poche {number} · {tickets} tickets du {first:%d/%m} au {last:%d/%m} · {share:.0%} de voisins récents · {where}",
        "Pocket {number} · {tickets} tickets from {first:%Y-%m-%d} to {last:%Y-%m-%d} · {share:.0%} recent neighbours · {where}",
    ),
    "growth_header": (
        "Tranche en croissance {number} · {tickets} tickets · {observed} en {window} jours, {expected} attendus · p corrigé {p} · {where}",
        "Growing slice {number} · {tickets} tickets · {observed} in {window} days, {expected} expected · corrected p {p} · {where}",
    ),
    "pocket_home": ("dans {cluster} « {title} »", "in {cluster} “{title}”"),
    "pocket_unclustered": ("hors cluster", "unclustered"),
    "pocket_sources": (
        "Rassemblée en un cluster ; le clustering avait mis ses tickets dans : {sources}",
        "Gathered into one cluster; the clustering had put its tickets in: {sources}",
    ),
    "noise_group_header": (
        "Groupe hors cluster {number} · {tickets} tickets du {first:%d/%m} au {last:%d/%m}",
        "Unclustered group {number} · {tickets} tickets from {first:%Y-%m-%d} to {last:%Y-%m-%d}",
    ),
    "group_keywords": ("Mots-clés : {keywords}", "Keywords: {keywords}"),
    "exports_frictions": ("Exporter les irritants validés", "Export validated frictions"),
    "export_frictions": ("Irritants validés", "Validated frictions"),
    "export_candidates": ("Cas d'usage candidats", "Use-case candidates"),
    "export_cards": ("Fiches une page", "One-page cards"),
    "export_matrix": ("Matrice valeur / faisabilité", "Value / feasibility matrix"),
    "export_journey": ("Vue du parcours", "Journey overview"),
    "draft_card": ("Brouillon de fiche (généré, à relire)", "Draft card (generated, review it)"),
    "make_draft": ("Proposer un brouillon de fiche", "Suggest a draft card"),
    "draft_problem": ("Le problème, dans les mots des clients", "The problem, in the customers' words"),
    "draft_outcome": ("Résultat attendu", "Expected outcome"),
    # grid dimensions (PRODUCT.md)
    # map and journey
    "map_points": ("{shown} tickets affichés sur {total} (échantillon uniforme au-delà de {limit})",
                   "{shown} of {total} tickets shown (uniform sample above {limit})"),
    "map_help": ("Sélectionnez des points (lasso ou clic) pour ouvrir leur cluster.", "Select points (lasso or click) to open their cluster."),
    "unclustered": ("non regroupé", "unclustered"),
    "journey_blind": ("Angles morts : douleur client sans irritant validé, ou sans place dans les catégories",
                      "Blind spots: customer pain with no validated friction, or with no place in the categories"),
    "journey_blind_item": ("• {stage} ({tickets} tickets) : {reasons}", "• {stage} ({tickets} tickets): {reasons}"),
    "journey_unassigned": ("Les étapes du parcours sont attribuées par l'étape « signaux » ; en attendant, tout est « indéterminée ».",
                           "Journey stages are assigned by the signals stage; until it runs, everything is 'unclear'."),
    "col_growth": ("Croissance (4 sem.)", "Growth (4 wk)"),
    "col_growth_rate": ("Croissance (récent / référence)", "Growth (recent / baseline)"),
    "col_intensity": ("Intensité", "Intensity"),
    "col_catch_all": ("Part hors catégories", "Catch-all share"),
    "col_clusters": ("Clusters", "Clusters"),
    "col_validated": ("Irritants validés", "Validated frictions"),
    "col_blind": ("Angle mort", "Blind spot"),
    "col_reasons": ("Pourquoi", "Why"),
}


def _domain_strings() -> dict[str, tuple[str, str]]:
    """The domain's words under the keys the pages use, from the one vocabulary (grid, statuses, components, reasons)."""
    strings = {f"dim_{d.key}": (d.name("fr", hint=True), d.name("en", hint=True)) for d in GRID}
    strings |= {f"stance_{c.key}": (c.fr, c.en) for c in STANCES}
    strings |= {f"ethics_{c.key}": (c.fr, c.en) for c in ETHICS_QUESTIONS}
    strings |= {f"status_{term.key}": (term.fr, term.en) for term in (*REVIEW_STATUSES.values(), *CANDIDATE_STATUSES.values())}
    strings |= {f"reason_{term.key}": (term.fr, term.en) for term in (*REJECT_REASONS.values(), *BLIND_SPOT_REASONS.values())}
    strings |= {f"component_{c.key}": (c.fr, c.en) for c in COMPONENTS}
    strings |= {f"badge_{c.flag}": (c.flag_fr, c.flag_en) for c in COMPONENTS if c.flag and c.flag_fr and c.flag_en}
    strings[f"badge_{GATHERED.key}"] = (GATHERED.fr, GATHERED.en)
    strings[f"stage_{UNCLEAR_STAGE.key}"] = (UNCLEAR_STAGE.fr, UNCLEAR_STAGE.en)
    return strings


STRINGS |= _domain_strings()


def t(key: str, lang: str, default: str | None = None, **values: object) -> str:
    """The string for `key` in `lang` (French when unknown), formatted with `values`; `default` for keys made from data."""
    if key not in STRINGS and default is not None:
        return default
    french, english = STRINGS[key]
    text = english if lang == "en" else french
    return text.format(**values) if values else text
