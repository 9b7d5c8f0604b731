"""Synthetic issues for bench/signal_detection.py: each theme writes paraphrased tickets from parts.

Kinds (to make the bench hard):
  fresh     a new pain, nothing like it before (French)
  english   a new pain written in English among French tickets
  near      a new pain that paraphrases an existing topic's vocabulary (debits, tyres, return, delivery)
  baseline  a pain that already exists at a low rate and grows only 3 to 5 times
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

OPENERS = {
    "fr": ["Bonjour,", "Madame, Monsieur,", "Bonsoir,", "", "Bonjour, je vous contacte car", "Re bonjour,"],
    "en": ["Hello,", "Hi,", "Dear customer service,", "", "Good morning,"],
}
CLOSERS = {
    "fr": ["Merci de votre retour.", "Cordialement.", "Merci d'avance.", "Dans l'attente de votre réponse.", "", "Bien à vous."],
    "en": ["Thanks in advance.", "Regards.", "Please get back to me.", "", "Thank you."],
}


@dataclass(frozen=True)
class Theme:
    key: str
    kind: str  # fresh | english | near | baseline
    language: str
    problems: tuple[str, ...]
    details: tuple[str, ...]
    asks: tuple[str, ...]
    category: str | None = None  # what the ticketing tool files it under (None: random categories)

    def ticket(self, rng: np.random.Generator) -> str:
        parts = [
            OPENERS[self.language][rng.integers(len(OPENERS[self.language]))],
            self.problems[rng.integers(len(self.problems))],
            self.details[rng.integers(len(self.details))] if rng.random() < 0.8 else "",
            self.asks[rng.integers(len(self.asks))],
            CLOSERS[self.language][rng.integers(len(CLOSERS[self.language]))],
        ]
        return " ".join(part for part in parts if part)


THEMES: tuple[Theme, ...] = (
    Theme("crash_photo_permis", "fresh", "fr", (
        "l'application plante dès que j'envoie la photo de mon permis de conduire.",
        "impossible de téléverser la photo du permis, l'appli se ferme toute seule.",
        "l'application se ferme à chaque fois que je prends en photo mon permis.",
        "quand j'ajoute mon permis en photo dans l'application, elle crashe.",
    ), (
        "J'ai essayé sur deux téléphones différents.", "J'ai réinstallé l'application, rien n'y fait.",
        "Le message d'erreur disparaît trop vite pour le lire.",
    ), ("Comment puis-je vous transmettre mon permis autrement ?", "Pouvez-vous corriger ce problème ?",
        "Que dois-je faire pour finaliser mon dossier ?")),
    Theme("facture_pdf_vide", "fresh", "fr", (
        "la facture reçue par mail est un PDF vide.",
        "le fichier joint à votre mail de facturation est blanc, aucune ligne.",
        "j'ouvre la pièce jointe de la facture et la page est vide.",
        "ma facture du mois arrive sous forme de document vierge.",
    ), ("Même chose depuis l'espace client.", "Mon comptable en a besoin.", "Le mail précédent était correct."),
        ("Pouvez-vous me renvoyer une facture lisible ?", "Merci de régénérer le document.", "Est-ce un problème connu ?")),
    Theme("recouvrement_a_tort", "fresh", "fr", (
        "j'ai reçu une lettre d'une société de recouvrement alors que tous mes loyers sont payés.",
        "un cabinet de recouvrement me réclame une somme que je ne dois pas.",
        "on me menace de recouvrement pour une dette qui n'existe pas, je suis à jour.",
        "courrier de recouvrement reçu ce matin, pourtant aucun impayé sur mon compte.",
    ), ("J'ai mes relevés bancaires pour le prouver.", "C'est très stressant.", "Le montant ne correspond à rien."),
        ("Merci d'arrêter cette procédure.", "Expliquez-moi d'où vient cette dette.", "Pouvez-vous régulariser ?")),
    Theme("double_cle_manquante", "fresh", "fr", (
        "le double de la clé n'a pas été remis à la livraison.",
        "je n'ai reçu qu'une seule clé avec le véhicule, il manque la deuxième.",
        "la seconde clé du véhicule est introuvable depuis la livraison.",
        "livré avec une clé au lieu de deux.",
    ), ("La concession dit que c'est à vous de voir.", "Mon assurance exige les deux clés.", "C'est noté sur le bon de livraison."),
        ("Quand vais-je recevoir le double ?", "Qui doit me fournir cette clé ?", "Merci de faire le nécessaire.")),
    Theme("bonus_ecologique", "fresh", "fr", (
        "le bonus écologique n'a pas été déduit de mon financement.",
        "la prime à la conversion promise n'apparaît nulle part dans mon contrat.",
        "on m'avait annoncé le bonus écologique mais mon loyer ne le prend pas en compte.",
        "le bonus pour véhicule électrique n'a jamais été appliqué.",
    ), ("Le vendeur me l'avait confirmé par écrit.", "Cela représente plusieurs milliers d'euros.", "J'ai fourni tous les justificatifs."),
        ("Pouvez-vous vérifier et corriger ?", "Quand sera-t-il versé ?", "Merci de recalculer mes loyers.")),
    Theme("hotline_samedi", "fresh", "fr", (
        "votre service client ne décroche plus le samedi matin.",
        "depuis peu personne ne répond au téléphone le samedi.",
        "le standard est fermé le samedi alors que c'était ouvert avant.",
        "j'appelle le samedi et je tombe sur un message de fermeture.",
    ), ("Je travaille en semaine, c'est mon seul moment.", "Ce changement n'a pas été annoncé.", "J'ai essayé trois samedis de suite."),
        ("Quels sont vos nouveaux horaires ?", "Pouvez-vous me rappeler ?", "Pourquoi ce changement ?")),
    Theme("contrat_pdf_erreur", "fresh", "fr", (
        "le téléchargement du contrat en PDF affiche une erreur 500.",
        "impossible d'ouvrir mon contrat depuis le portail, erreur serveur.",
        "quand je clique sur télécharger le contrat, j'ai une page d'erreur.",
        "le lien vers mon contrat signé renvoie une erreur technique.",
    ), ("Mon banquier me demande ce document.", "Le problème dure depuis plusieurs jours.", "Même chose sur ordinateur et téléphone."),
        ("Pouvez-vous me l'envoyer par mail ?", "Merci de réparer le lien.", "Comment récupérer mon contrat ?")),
    Theme("en_card_declined", "english", "en", (
        "the payment portal keeps declining my card when I try to pay the overdue instalment.",
        "my card is refused every time on your online payment page.",
        "I cannot pay online, the portal says my card is declined but my bank sees no attempt.",
        "your payment page rejects my credit card with no explanation.",
    ), ("My bank confirmed the card works.", "I tried two different cards.", "I do not want late fees for this."),
        ("How else can I pay?", "Please fix your payment page.", "Can you confirm you will not charge late fees?")),
    Theme("en_roadside_location", "english", "en", (
        "the roadside assistance app cannot share my location, it spins forever.",
        "when I broke down the assistance app failed to send my position.",
        "your assistance app never finds my GPS location so nobody can find me.",
        "the breakdown app location feature does not work at all.",
    ), ("I had to read the road signs over the phone.", "Location is enabled on my phone.", "It happened on a dark road at night."),
        ("Please fix the app.", "Is there another way to send my position?", "Who can I talk to about this?")),
    Theme("en_certificate_wrong_name", "english", "en", (
        "the insurance certificate you sent has the wrong name on it.",
        "my insurance certificate shows someone else's name.",
        "the name printed on my insurance certificate is not mine.",
        "I received an insurance certificate with an incorrect holder name.",
    ), ("The police checked it during a roadside stop.", "My address is right but the name is wrong.", "I need it for my employer."),
        ("Please send a corrected certificate.", "Can you fix this quickly?", "How long will a new one take?")),
    Theme("prelevement_mauvaise_date", "near", "fr", (
        "le prélèvement du loyer est passé le 2 au lieu du 10 depuis mon changement de banque.",
        "depuis le changement de RIB, l'échéance est prélevée à une autre date que prévu.",
        "le prélèvement mensuel n'est plus fait à la date convenue depuis que j'ai changé de banque.",
        "mon loyer est débité en avance depuis la mise à jour de mon RIB.",
    ), ("Mon compte était à découvert à cause de ça.", "Ma banque m'a facturé des frais.", "La date figurait sur l'échéancier."),
        ("Pouvez-vous remettre la bonne date de prélèvement ?", "Merci de corriger l'échéancier.", "Qui prend en charge les frais ?"),
        "Prélèvement"),
    Theme("convoyeur_absent", "near", "fr", (
        "le convoyeur ne s'est pas présenté au rendez-vous de restitution.",
        "personne n'est venu récupérer le véhicule le jour de la restitution prévue.",
        "j'ai attendu le convoyeur toute la matinée pour rendre la voiture, personne.",
        "le rendez-vous de restitution a été manqué par votre prestataire.",
    ), ("J'avais posé une journée de congé.", "Aucun appel pour prévenir.", "Le contrat se termine la semaine prochaine."),
        ("Quand pouvez-vous revenir ?", "Qui paie les jours supplémentaires ?", "Merci de reprogrammer la restitution."),
        "Fin de contrat"),
    Theme("pneus_hiver_refuses", "near", "fr", (
        "le garage partenaire refuse de monter les pneus hiver prévus au contrat.",
        "on me dit que les pneus neige ne sont pas couverts alors que c'est écrit dans mon contrat.",
        "le centre auto refuse le changement de pneus hiver pris en charge.",
        "montage des pneus hiver refusé par le garage agréé.",
    ), ("Il neige déjà dans ma région.", "J'ai l'option Entretien+.", "Le garage dit ne pas avoir l'accord."),
        ("Pouvez-vous donner l'accord au garage ?", "Merci de vérifier mon contrat.", "Quel garage dois-je appeler ?"),
        "Entretien"),
    Theme("mauvaise_couleur", "near", "fr", (
        "le véhicule livré n'est pas de la couleur commandée.",
        "j'avais commandé une voiture grise et on m'a livré une blanche.",
        "la couleur de la carrosserie ne correspond pas au bon de commande.",
        "livraison d'un véhicule d'une autre teinte que celle choisie.",
    ), ("Le bon de commande est clair.", "La concession dit que c'est pareil.", "J'ai payé l'option peinture."),
        ("Je demande un échange.", "Que proposez-vous ?", "Merci de rembourser l'option."), "Livraison"),
    Theme("rappel_airbag", "baseline", "fr", (
        "impossible d'obtenir un rendez-vous pour le rappel airbag du constructeur.",
        "mon véhicule est concerné par le rappel airbag mais aucun garage n'a de créneau.",
        "le rappel de sécurité sur l'airbag est reporté sans date.",
        "on me dit d'attendre pour le rappel airbag alors que c'est dangereux.",
    ), ("Le courrier dit de ne plus rouler.", "J'ai appelé quatre garages.", "J'ai besoin du véhicule pour travailler."),
        ("Pouvez-vous me fournir un véhicule de remplacement ?", "Qui peut accélérer le rendez-vous ?", "Que dois-je faire ?")),
    Theme("amende_majoree", "baseline", "fr", (
        "l'amende de stationnement a été majorée car vous l'avez transmise trop tard.",
        "je reçois un avis d'amende majorée pour un PV que vous ne m'avez jamais transféré.",
        "la contravention m'arrive majorée, la désignation a été faite hors délai.",
        "vous avez désigné le conducteur trop tard et l'amende a triplé.",
    ), ("Le délai de 45 jours est dépassé par votre faute.", "J'aurais payé tout de suite.", "Ce n'est pas la première fois."),
        ("Je demande le remboursement de la majoration.", "Pouvez-vous contester pour moi ?", "Merci de prendre en charge la différence.")),
    Theme("attestation_fiscale", "baseline", "fr", (
        "je n'ai pas reçu l'attestation fiscale annuelle pour ma déclaration.",
        "l'attestation des intérêts pour les impôts n'est pas disponible dans l'espace client.",
        "mon attestation fiscale de l'année manque, je dois déclarer.",
        "aucune attestation pour la déclaration de revenus cette année.",
    ), ("Mon comptable attend ce document.", "Les années précédentes je l'avais.", "La date limite approche."),
        ("Pouvez-vous me l'envoyer ?", "Où la trouver ?", "Merci de la générer.")),
    Theme("wallbox_facturee_deux_fois", "baseline", "fr", (
        "l'installation de la borne de recharge m'a été facturée deux fois.",
        "je vois deux factures pour la même wallbox sur mon relevé.",
        "la borne de recharge à domicile apparaît en double sur mes prélèvements.",
        "facturation en double de l'installation de la wallbox.",
    ), ("Une seule borne a été posée.", "Les deux montants sont identiques.", "C'était inclus dans l'offre."),
        ("Merci de me rembourser le doublon.", "Pouvez-vous annuler la deuxième facture ?", "Qui dois-je contacter ?")),
    Theme("en_mileage_overcharge", "baseline", "en", (
        "you charged me for excess mileage although I am under the contract limit.",
        "the excess mileage fee on my final invoice is wrong, the odometer shows less.",
        "I was billed for kilometres I never drove at the end of my lease.",
        "the mileage overcharge makes no sense, my reading was well below the allowance.",
    ), ("I have a photo of the odometer.", "The return report shows the right reading.", "The amount is several hundred euros."),
        ("Please cancel this charge.", "Can you check the return report?", "Who can review this?")),
    Theme("en_app_login_loop", "english", "en", (
        "the app logs me out every few seconds and asks me to sign in again.",
        "I am stuck in a login loop on your mobile app.",
        "after signing in the app immediately sends me back to the login screen.",
        "your app keeps asking for my password over and over.",
    ), ("I reset my password twice.", "It works on the website but not the app.", "My phone is up to date."),
        ("Please fix the app.", "Is this a known issue?", "How can I access my documents meanwhile?")),
)
