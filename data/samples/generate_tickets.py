#!/usr/bin/env python3.11
"""Generate the bundled sample dataset of after-sales support tickets for `analyser`.

FinAuto is a fictional French vehicle financing and leasing company (LOA, LLD, crédit auto,
crédit-bail pro). The script writes, into --out-dir:

  tickets.csv                  the export the pipeline reads (UTF-8, ';', csv.QUOTE_MINIMAL)
  ground_truth.json            the planted issues and the topic list (tests/benches only)
  ground_truth_tickets.jsonl   one line per CSV row: topic, stage, language, duplicates, PII

Standard library only. The output is byte-for-byte reproducible for a given --seed (no set
iteration, no hash()-dependent ordering, per-ticket RNGs seeded from strings).

    python3.11 data/samples/generate_tickets.py [--seed 20261115] [--out-dir data/samples]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import io
import json
import math
import os
import random
import re
import sys
import unicodedata
from collections import Counter, defaultdict

DEFAULT_SEED = 20261115
START = dt.date(2026, 5, 18)
END = dt.date(2026, 11, 15)
EMERGING_ONSET = dt.date(2026, 10, 26)  # 21 days before END, inclusive
APP_UPDATE_DAY = dt.date(2026, 10, 25)
EMERGING_WEEKLY = [16, 46, 112]  # ISO weeks 44, 45, 46 of 2026
SERVICE_EMAIL = "service.client@finauto-exemple.fr"
NOREPLY_EMAIL = "noreply@finauto-exemple.fr"

STAGES = [
    "decouverte_devis",
    "souscription",
    "livraison",
    "facturation_prelevements",
    "entretien_reparation",
    "panne_assistance",
    "sinistre",
    "fin_contrat_restitution",
    "resiliation",
]

CATCH_ALL = ("Autre", "Divers", "")

PH_OPEN, PH_CLOSE = "\ue000", "\ue001"
PH_RE = re.compile("\ue000(\\d+)\ue001")
SLOT_RE = re.compile(r"\{(\w+)\}")


def L(text: str) -> list[str]:
    """Split a block into non-empty stripped lines; '\\n' inside a line stays a line break."""
    out = []
    for line in text.strip().split("\n"):
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line.replace("\\n", "\n"))
    return out


def wchoice(rng: random.Random, weighted: dict | list):
    """Weighted choice from a dict {value: weight} or a list of (value, weight)."""
    items = list(weighted.items()) if isinstance(weighted, dict) else list(weighted)
    total = sum(w for _, w in items)
    x = rng.random() * total
    for value, w in items:
        x -= w
        if x < 0:
            return value
    return items[-1][0]


def strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


# ----------------------------------------------------------------------------------------------
# Pools: names, places, vehicles
# ----------------------------------------------------------------------------------------------

FIRST_F = L("""
Marie
Sophie
Nathalie
Isabelle
Sylvie
Catherine
Christine
Valérie
Sandrine
Céline
Julie
Aurélie
Émilie
Camille
Laura
Léa
Manon
Chloé
Sarah
Inès
Emma
Louise
Jade
Alice
Pauline
Claire
Anne
Hélène
Martine
Monique
Françoise
Brigitte
Patricia
Véronique
Stéphanie
Virginie
Caroline
Élodie
Mélanie
Audrey
Charlotte
Margaux
Océane
Clémence
Justine
Lucie
Agathe
Fatima
Nadia
Yasmine
Leïla
Samira
Aïcha
Khadija
Amina
Aminata
Fatoumata
Mariama
Linh
Mei
Ana
Beatriz
Giulia
Francesca
Katarzyna
Agnieszka
Olga
Elena
Hannah
Sarah
Emily
Rachel
Fiona
Priya
Anja
Ingrid
Maëlle
Nolwenn
Gwenaëlle
Josiane
Odile
Ghislaine
Mireille
""")

FIRST_M = L("""
Jean
Pierre
Michel
Philippe
Alain
Nicolas
Christophe
Patrick
Stéphane
Laurent
Frédéric
Éric
David
Sébastien
Julien
Thomas
Olivier
Vincent
François
Bruno
Jérôme
Guillaume
Mathieu
Maxime
Antoine
Alexandre
Romain
Kevin
Hugo
Lucas
Louis
Gabriel
Arthur
Théo
Nathan
Enzo
Raphaël
Benoît
Gilles
Didier
Thierry
Pascal
Dominique
Yannick
Jean-Luc
Jean-Marc
Marc-Antoine
Loïc
Gaëtan
Anthony
Karim
Mohamed
Mehdi
Sofiane
Rachid
Youssef
Hamza
Bilal
Samir
Farid
Moussa
Ibrahim
Mamadou
Ousmane
Cheikh
Minh
Wei
João
Pedro
Rui
Marco
Luca
Giovanni
Piotr
Tomasz
Andrei
Lukas
Jonas
Matthias
James
Oliver
Daniel
Michael
Connor
Sean
Raj
Arjun
Erwan
Yann
Gwendal
Jean-Claude
Régis
Hervé
""")

SURNAMES = L("""
Martin
Bernard
Thomas
Petit
Robert
Richard
Durand
Dubois
Moreau
Laurent
Simon
Michel
Lefèvre
Leroy
Roux
David
Bertrand
Morel
Fournier
Girard
Bonnet
Dupont
Lambert
Fontaine
Rousseau
Vincent
Muller
Lefebvre
Faure
André
Mercier
Blanc
Guérin
Boyer
Garnier
Chevalier
François
Legrand
Gauthier
Garcia
Perrin
Robin
Clément
Morin
Nicolas
Henry
Roussel
Mathieu
Masson
Marchand
Duval
Denis
Dumont
Lemaire
Noël
Meyer
Dufour
Meunier
Brun
Blanchard
Giraud
Joly
Rivière
Lucas
Brunet
Gaillard
Barbier
Arnaud
Martinez
Gérard
Roche
Renard
Schmitt
Roy
Leroux
Colin
Vidal
Caron
Picard
Roger
Fabre
Aubert
Lemoine
Renaud
Dumas
Lacroix
Olivier
Philippe
Bourgeois
Pierre
Benoît
Rey
Leclerc
Payet
Rolland
Leclercq
Guillaume
Lecomte
Lopez
Dupuy
Guillot
Hubert
Berger
Carpentier
Sanchez
Dupuis
Moulin
Louis
Deschamps
Huet
Vasseur
Perez
Boucher
Fleury
Royer
Klein
Jacquet
Adam
Paris
Poirier
Marty
Aubry
Guyot
Carré
Charles
Charpentier
Ménard
Maillard
Baron
Bertin
Bailly
Hervé
Schneider
Fernandez
Le Gall
Collet
Léger
Bouvier
Julien
Prévost
Millet
Perrot
Cousin
Germain
Breton
Besson
Langlois
Rémy
Le Goff
Pelletier
Lévêque
Perrier
Leblanc
Barré
Lebrun
Marchal
Weber
Mallet
Hamon
Boulanger
Jacob
Monnier
Michaud
Rodriguez
Guichard
Gillet
Étienne
Grondin
Poulain
Tessier
Chauvin
Da Silva
Bouchet
Gay
Lemaître
Bénard
Maréchal
Humbert
Reynaud
Antoine
Hoarau
Perret
Barthélemy
Cordier
Pichon
Lejeune
Gilbert
Lamy
Delaunay
Pasquier
Carlier
Laporte
Benali
Haddad
Mansouri
Benhamou
Belkacem
Diallo
Traoré
Ndiaye
Diop
Koné
Nguyen
Tran
Kowalski
Nowak
Ferreira
Pereira
Rossi
Esposito
Smith
Taylor
Brown
Wilson
O'Brien
Schmidt
Fischer
Janssens
Peeters
Yilmaz
Kaya
Cohen
Levy
""")

# first names that English-speaking customers typically have
FIRST_EN_F = L("""
Emma
Sarah
Emily
Rachel
Fiona
Hannah
Priya
Anja
Ingrid
Olga
Katarzyna
Giulia
Ana
Linh
Mei
""")
FIRST_EN_M = L("""
James
Oliver
Daniel
Michael
Connor
Sean
Raj
Arjun
Lukas
Jonas
Matthias
Piotr
Tomasz
Marco
João
Wei
""")
SURNAMES_EN = L("""
Smith
Taylor
Brown
Wilson
O'Brien
Murphy
Walsh
Campbell
Hughes
Patel
Shah
Schmidt
Fischer
Weber
Janssens
Peeters
Kowalski
Nowak
Rossi
Esposito
Ferreira
Nguyen
Tran
Andersson
Novak
""")

# FinAuto agents (first name, surname, gender)
AGENTS = [
    ("Karim", "Benali", "m"), ("Sophie", "Martin", "f"), ("Julien", "Roux", "m"), ("Nadia", "Petit", "f"),
    ("Thomas", "Leclerc", "m"), ("Aurélie", "Blanc", "f"), ("Mehdi", "Haddad", "m"), ("Claire", "Fontaine", "f"),
    ("Kevin", "Morel", "m"), ("Laura", "Girard", "f"), ("Yannick", "Le Goff", "m"), ("Céline", "Faure", "f"),
    ("Romain", "Garnier", "m"), ("Inès", "Mansouri", "f"), ("Stéphane", "Brun", "m"), ("Manon", "Lemoine", "f"),
    ("Alexandre", "Noël", "m"), ("Fatoumata", "Diallo", "f"), ("Guillaume", "Marchand", "m"), ("Élodie", "Renard", "f"),
    ("Samir", "Belkacem", "m"), ("Pauline", "Meunier", "f"), ("Hugo", "Dumas", "m"), ("Camille", "Rey", "f"),
    ("Bruno", "Carré", "m"), ("Lucie", "Lambert", "f"), ("Anthony", "Payet", "m"), ("Sandrine", "Colin", "f"),
]

CITIES = [
    ("Paris", "750{arr:02d}"), ("Lyon", "6900{arr9}"), ("Marseille", "130{arr:02d}"), ("Toulouse", "31000"),
    ("Toulouse", "31200"), ("Toulouse", "31500"), ("Nice", "06000"), ("Nice", "06200"), ("Nantes", "44000"),
    ("Nantes", "44300"), ("Strasbourg", "67000"), ("Strasbourg", "67200"), ("Montpellier", "34000"),
    ("Montpellier", "34070"), ("Bordeaux", "33000"), ("Bordeaux", "33800"), ("Lille", "59000"), ("Lille", "59800"),
    ("Rennes", "35000"), ("Rennes", "35700"), ("Reims", "51100"), ("Le Havre", "76600"), ("Saint-Étienne", "42000"),
    ("Toulon", "83000"), ("Grenoble", "38000"), ("Grenoble", "38100"), ("Dijon", "21000"), ("Angers", "49000"),
    ("Nîmes", "30000"), ("Villeurbanne", "69100"), ("Clermont-Ferrand", "63000"), ("Le Mans", "72000"),
    ("Aix-en-Provence", "13100"), ("Brest", "29200"), ("Tours", "37000"), ("Amiens", "80000"), ("Limoges", "87000"),
    ("Annecy", "74000"), ("Perpignan", "66000"), ("Boulogne-Billancourt", "92100"), ("Metz", "57000"),
    ("Besançon", "25000"), ("Orléans", "45000"), ("Rouen", "76000"), ("Mulhouse", "68100"), ("Caen", "14000"),
    ("Nancy", "54000"), ("Argenteuil", "95100"), ("Montreuil", "93100"), ("Roubaix", "59100"), ("Tourcoing", "59200"),
    ("Avignon", "84000"), ("Poitiers", "86000"), ("Pau", "64000"), ("La Rochelle", "17000"), ("Colmar", "68000"),
    ("Vannes", "56000"), ("Quimper", "29000"), ("Bayonne", "64100"), ("Chambéry", "73000"), ("Niort", "79000"),
    ("Cholet", "49300"), ("Valence", "26000"), ("Troyes", "10000"), ("Lorient", "56100"), ("Saint-Nazaire", "44600"),
    ("Mérignac", "33700"), ("Pessac", "33600"), ("Vénissieux", "69200"), ("Créteil", "94000"), ("Versailles", "78000"),
    ("Nanterre", "92000"), ("Saint-Denis", "93200"), ("Cergy", "95000"), ("Évry-Courcouronnes", "91000"),
    ("Meaux", "77100"), ("Chartres", "28000"), ("Bourges", "18000"), ("Blois", "41000"), ("Laval", "53000"),
    ("Saint-Malo", "35400"), ("Arras", "62000"), ("Calais", "62100"), ("Dunkerque", "59140"), ("Béziers", "34500"),
    ("Ajaccio", "20000"), ("Saint-Pierre", "97410"), ("Agen", "47000"), ("Montauban", "82000"), ("Albi", "81000"),
]

STREET_TYPES = [("rue", 40), ("avenue", 14), ("boulevard", 6), ("bd", 3), ("chemin", 7), ("impasse", 7),
                ("allée", 7), ("place", 4), ("route", 5), ("quai", 2), ("cours", 2), ("square", 1), ("résidence", 2)]
STREET_NAMES = L("""
des Lilas
Victor Hugo
Jean Jaurès
de la République
du Général de Gaulle
Pasteur
des Peupliers
de la Gare
du Moulin
des Écoles
Gambetta
Voltaire
de Verdun
du 8 Mai 1945
des Tilleuls
Émile Zola
Jules Ferry
de la Liberté
des Roses
du Château
Saint-Michel
de l'Église
des Acacias
Carnot
Foch
du Stade
des Vignes
Lamartine
Anatole France
des Mimosas
de la Fontaine
du Port
des Cerisiers
de la Paix
Paul Bert
Georges Clemenceau
des Prés
du Bois
des Chênes
Aristide Briand
de Bretagne
des Bleuets
du Lavoir
Pierre Curie
Louis Pasteur
des Marronniers
du Parc
de la Mairie
des Artisans
Jean Moulin
""")
ROUTE_TARGETS = L("""
de Lyon
de Paris
de Toulouse
de Bordeaux
de Nantes
de Vannes
de Grenoble
de Meaux
de Chartres
d'Angers
""")

VEHICLES_ICE = [
    ("Peugeot 208", "VR3"), ("Peugeot 2008", "VR3"), ("Peugeot 308", "VF3"), ("Peugeot 3008", "VF3"),
    ("Peugeot 5008", "VF3"), ("Renault Clio", "VF1"), ("Renault Captur", "VF1"), ("Renault Mégane", "VF1"),
    ("Renault Austral", "VF1"), ("Renault Arkana", "VF1"), ("Citroën C3", "VF7"), ("Citroën C4", "VR7"),
    ("Citroën C5 Aircross", "VR7"), ("Dacia Sandero", "UU1"), ("Dacia Duster", "UU1"), ("Dacia Jogger", "UU1"),
    ("Toyota Yaris", "VNK"), ("Toyota Yaris Cross", "VNK"), ("Toyota C-HR", "SB1"), ("Toyota RAV4", "JTM"),
    ("VW Golf", "WVW"), ("Volkswagen Polo", "WVW"), ("VW T-Roc", "WVG"), ("Volkswagen Tiguan", "WVG"),
    ("Skoda Octavia", "TMB"), ("Ford Puma", "WF0"), ("Opel Corsa", "W0V"), ("Hyundai Tucson", "TMA"),
    ("Kia Sportage", "U5Y"), ("Nissan Qashqai", "SJN"), ("BMW Série 1", "WBA"), ("Audi A3", "WAU"),
    ("Mercedes Classe A", "W1K"), ("Fiat 500", "ZFA"), ("DS 7", "VR1"), ("Peugeot 408", "VR3"),
]
VEHICLES_EV = [
    ("Tesla Model 3", "LRW"), ("Tesla Model Y", "XP7"), ("Renault Zoé", "VF1"), ("Renault Mégane E-Tech", "VF1"),
    ("Renault 5 E-Tech", "VF1"), ("VW ID.3", "WVW"), ("Volkswagen ID.4", "WVG"), ("Peugeot e-208", "VR3"),
    ("Peugeot e-2008", "VR3"), ("Kia EV6", "KNA"), ("Kia Niro EV", "KNA"), ("Hyundai Kona Electric", "KMH"),
    ("MG4", "LSJ"), ("Fiat 500e", "ZFA"), ("Dacia Spring", "UU1"), ("Citroën ë-C4", "VR7"), ("BMW i4", "WBA"),
    ("Skoda Enyaq", "TMB"), ("Volvo EX30", "LYV"), ("BYD Atto 3", "LGX"),
]
VEHICLES_VAN = [
    ("Renault Trafic", "VF1"), ("Renault Kangoo", "VF1"), ("Renault Master", "VF6"), ("Peugeot Partner", "VR3"),
    ("Peugeot Expert", "VF3"), ("Citroën Berlingo", "VR7"), ("Citroën Jumpy", "VF7"), ("Ford Transit Custom", "WF0"),
    ("Fiat Ducato", "ZFA"), ("Volkswagen Transporter", "WV1"), ("Renault Kangoo E-Tech", "VF1"),
]
COMPANIES = L("""
SAS Horizon Logistique
EURL BatiPro 33
SARL Ambulances du Lac
SAS Vertical Élec
SARL Les Jardins d'Ouest
SAS Transports Express Rhône
EURL Plomberie Services 44
SARL Atelier des Quatre Vents
SAS Nettoyage Pro Azur
SARL Menuiserie du Val
SAS DigiConseil
EURL Couleurs & Façades
SARL Fraîcheur Livraison
SAS Toitures de l'Ain
""")
GARAGE_FMT = L("""
le garage {brand} de {ville}
la concession {brand} de {ville}
le Garage du Centre à {ville}
Auto Services {ville}
le garage de la Gare ({ville})
la concession {brand} {ville} Nord
Garage des Sports à {ville}
le centre auto de {ville}
l'Atelier Mécanique du Lac ({ville})
la Carrosserie des Quatre Routes
""")

MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre"]
MONTHS_FR_ABBR = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
DAYS_FR = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
DAYS_EN = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

EMAIL_DOMAINS = [("gmail.com", 34), ("orange.fr", 14), ("free.fr", 8), ("hotmail.fr", 10), ("yahoo.fr", 6),
                 ("laposte.net", 5), ("sfr.fr", 5), ("outlook.com", 6), ("wanadoo.fr", 4), ("outlook.fr", 3),
                 ("icloud.com", 4), ("live.fr", 2), ("neuf.fr", 1), ("bbox.fr", 1)]
EMAIL_DOMAINS_EN = [("gmail.com", 40), ("outlook.com", 15), ("hotmail.co.uk", 10), ("yahoo.co.uk", 6),
                    ("icloud.com", 10), ("web.de", 6), ("gmx.de", 5), ("telenet.be", 4), ("proton.me", 4)]

FR_BANKS = ["30002", "30003", "30004", "30006", "10278", "10907", "11306", "12506", "13335", "14505", "15589",
            "16006", "17515", "18206", "20041", "30066", "30076", "10096", "13507", "16275", "40618", "12135",
            "11425", "13825", "14445", "17806", "19106", "30027", "30056", "42559"]


# ----------------------------------------------------------------------------------------------
# PII value generators (all formats recorded verbatim)
# ----------------------------------------------------------------------------------------------

def _mod97(digits: str) -> int:
    r = 0
    for ch in digits:
        r = (r * 10 + int(ch)) % 97
    return r


def _iban_digits(s: str) -> str:
    return "".join(str(int(c, 36)) if c.isalpha() else c for c in s.upper())


def iban_is_valid(iban: str) -> bool:
    s = iban.replace(" ", "").upper()
    if len(s) < 15 or not s[:2].isalpha():
        return False
    return _mod97(_iban_digits(s[4:] + s[:4])) == 1


def make_iban(rng: random.Random, country: str) -> str:
    if country == "FR":
        bank = rng.choice(FR_BANKS)
        branch = f"{rng.randrange(100000):05d}"
        account = f"{rng.randrange(10**11):011d}"
        key = 97 - ((89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97)
        bban = f"{bank}{branch}{account}{key:02d}"
    elif country == "BE":
        first = f"{rng.randrange(10**10):010d}"
        chk = int(first) % 97 or 97
        bban = f"{first}{chk:02d}"
    else:  # DE
        bban = f"{rng.randrange(10**8):08d}{rng.randrange(10**10):010d}"
    check = 98 - _mod97(_iban_digits(bban + country + "00"))
    iban = f"{country}{check:02d}{bban}"
    assert iban_is_valid(iban)
    return iban


def format_iban(rng: random.Random, iban: str) -> str:
    style = wchoice(rng, {"groups": 70, "plain": 18, "lower_groups": 6, "lower_plain": 6})
    s = " ".join(iban[i:i + 4] for i in range(0, len(iban), 4)) if "groups" in style else iban
    return s.lower() if style.startswith("lower") else s


def luhn_ok(number: str) -> bool:
    digits = [int(c) for c in number if c.isdigit()]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def make_card(rng: random.Random) -> str:
    prefix = wchoice(rng, {"4970": 30, "4974": 10, "4561": 10, "4134": 8, "5132": 10, "5355": 8, "5412": 8,
                          "4000": 3, "5168": 8})
    body = prefix + "".join(str(rng.randrange(10)) for _ in range(11))
    for last in range(10):
        if luhn_ok(body + str(last)):
            return body + str(last)
    raise AssertionError


def format_card(rng: random.Random, card: str) -> str:
    if rng.random() < 0.72:
        return " ".join(card[i:i + 4] for i in range(0, 16, 4))
    return card


SIV_LETTERS = "ABCDEFGHJKLMNPQRSTVWXYZ"


def make_plate_siv(rng: random.Random) -> str:
    while True:
        a = rng.choice("ABCDEFGH") + rng.choice(SIV_LETTERS)  # recent series
        b = rng.choice(SIV_LETTERS) + rng.choice(SIV_LETTERS)
        if a not in ("SS", "WW") and b != "SS":
            break
    n = rng.randrange(1, 1000)
    return f"{a}-{n:03d}-{b}"


def format_plate_siv(rng: random.Random, plate: str) -> str:
    style = wchoice(rng, {"dash": 72, "space": 14, "plain": 10, "lower": 4})
    if style == "space":
        return plate.replace("-", " ")
    if style == "plain":
        return plate.replace("-", "")
    if style == "lower":
        return plate.lower()
    return plate


def make_plate_fni(rng: random.Random) -> str:
    dep = rng.choice(["75", "69", "92", "13", "33", "59", "31", "44", "67", "06", "34", "35", "38", "93", "94",
                      "78", "91", "95", "77", "76", "62", "29", "56", "974", "2A"])
    style = wchoice(rng, {"4-2": 45, "3-3": 30, "4-2dash": 15, "3-2": 10})
    letters = "ABCDEFGHJKLMNPRSTVWXYZ"
    if style == "4-2":
        return f"{rng.randrange(1, 10000):d} {rng.choice(letters)}{rng.choice(letters)} {dep}"
    if style == "3-3":
        return f"{rng.randrange(100, 1000)} {rng.choice(letters)}{rng.choice(letters)}{rng.choice(letters)} {dep}"
    if style == "4-2dash":
        return f"{rng.randrange(1000, 10000)}-{rng.choice(letters)}{rng.choice(letters)}-{dep}"
    return f"{rng.randrange(10, 1000)} {rng.choice(letters)}{rng.choice(letters)} {dep}"


VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
VIN_VALUES = {**{str(i): i for i in range(10)},
              **dict(zip("ABCDEFGH", range(1, 9))), **dict(zip("JKLMN", range(1, 6))), "P": 7, "R": 9,
              **dict(zip("STUVWXYZ", range(2, 10)))}
VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]
YEAR_CODES = {2020: "L", 2021: "M", 2022: "N", 2023: "P", 2024: "R", 2025: "S", 2026: "T"}


def make_vin(rng: random.Random, wmi: str, year: int) -> str:
    if wmi in ("WVW", "WVG", "WV1"):
        vin = wmi + "ZZZ" + rng.choice("ABCE123") + rng.choice("HKTZ") + "Z" + YEAR_CODES[year] + rng.choice(
            "WPDK") + f"{rng.randrange(10**6):06d}"
        return vin
    vds = "".join(rng.choice(VIN_CHARS) for _ in range(5))
    plant = rng.choice("ABCDEFGHJKLMNPRSTVWXYZ")
    serial = f"{rng.randrange(10**6):06d}"
    partial = wmi + vds + "0" + YEAR_CODES[year] + plant + serial
    total = sum(VIN_VALUES[c] * w for c, w in zip(partial, VIN_WEIGHTS))
    check = "X" if total % 11 == 10 else str(total % 11)
    vin = partial[:8] + check + partial[9:]
    assert len(vin) == 17 and not set("IOQ") & set(vin)
    return vin


def make_phone(rng: random.Random, intl: str | None = None) -> str:
    """A phone number in one of the usual written formats."""
    if intl == "UK":
        return f"+44 7{rng.randrange(100, 1000)} {rng.randrange(100000, 1000000)}"
    if intl == "DE":
        return f"+49 15{rng.randrange(10)} {rng.randrange(10**7, 10**8)}"
    if intl == "BE":
        d = [rng.randrange(10) for _ in range(6)]
        return f"+32 47{rng.randrange(10)} {d[0]}{d[1]} {d[2]}{d[3]} {d[4]}{d[5]}"
    if intl == "CH":
        return f"+41 7{rng.choice('6789')} {rng.randrange(100, 1000)} {rng.randrange(10, 100)} {rng.randrange(10, 100)}"
    mobile = rng.random() < 0.82
    first = rng.choice("67") if mobile else rng.choice("123459")
    pairs = [f"{rng.randrange(100):02d}" for _ in range(4)]
    nat = "0" + first
    style = wchoice(rng, {"space": 46, "dot": 12, "plain": 14, "dash": 5, "+33space": 9, "+33plain": 6,
                          "+33(0)": 4, "nospace2": 4})
    if style == "space":
        return " ".join([nat] + pairs)
    if style == "dot":
        return ".".join([nat] + pairs)
    if style == "plain":
        return nat + "".join(pairs)
    if style == "dash":
        return "-".join([nat] + pairs)
    if style == "+33space":
        return "+33 " + first + " " + " ".join(pairs)
    if style == "+33plain":
        return "+33" + first + "".join(pairs)
    if style == "+33(0)":
        return "+33 (0)" + first + " " + " ".join(pairs)
    return nat + " " + pairs[0] + pairs[1] + " " + pairs[2] + pairs[3]


def make_email(rng: random.Random, first: str, last: str, en: bool = False) -> str:
    f = re.sub(r"[^a-z\-]", "", strip_accents(first).lower())
    l_ = re.sub(r"[^a-z]", "", strip_accents(last).lower().replace(" ", "").replace("'", ""))
    dom = wchoice(rng, EMAIL_DOMAINS_EN if en else EMAIL_DOMAINS)
    num = str(rng.choice([rng.randrange(1, 100), rng.randrange(60, 100), rng.randrange(1950, 2006)]))
    style = wchoice(rng, {"f.l": 30, "f.lNN": 18, "fl": 8, "f_l": 6, "l.f": 8, "finit.l": 6, "lfNN": 6,
                          "f.l-init": 4, "fNN": 6, "nick": 8})
    if style == "f.l":
        u = f"{f}.{l_}"
    elif style == "f.lNN":
        u = f"{f}.{l_}{num}"
    elif style == "fl":
        u = f"{f}{l_}"
    elif style == "f_l":
        u = f"{f}_{l_}"
    elif style == "l.f":
        u = f"{l_}.{f}"
    elif style == "finit.l":
        u = f"{f[0]}.{l_}"
    elif style == "lfNN":
        u = f"{l_}{f[0]}{num}"
    elif style == "f.l-init":
        u = f"{f}.{l_[0]}"
    elif style == "fNN":
        u = f"{f}{num}"
    else:
        u = rng.choice(["loulou", "titi", "doudou", "zaza", "nounours", "cricri", "bibou", "kiki", "mimi",
                        "speedy", "bzh", "jojo", "lolo"]) + f"{l_[:3]}{num}"
    return f"{u}@{dom}"


def make_address(rng: random.Random) -> dict:
    city, pc = rng.choice(CITIES)
    if "{arr" in pc:
        arr = rng.randrange(1, 21) if city == "Paris" else rng.randrange(1, 17)
        pc = pc.format(arr=arr, arr9=min(arr, 9))
    num = rng.randrange(1, 180)
    suffix = wchoice(rng, {"": 86, " bis": 9, " ter": 2, "B": 3})
    stype = wchoice(rng, STREET_TYPES)
    if stype == "route":
        street = f"route {rng.choice(ROUTE_TARGETS)}"
    elif stype == "résidence":
        street = f"résidence {rng.choice(['Les Tilleuls', 'Le Parc', 'Les Jardins', 'Bellevue', 'Les Cèdres'])}"
    else:
        street = f"{stype} {rng.choice(STREET_NAMES)}"
    line1 = f"{num}{suffix} {street}"
    if rng.random() < 0.08:
        line1 = rng.choice(["Bât. B, ", "Apt 12, ", "Résidence Le Parc, ", "Appartement 3, ", "Esc. A, "]) + line1
    if rng.random() < 0.15:
        line1 = line1[0].upper() + line1[1:] if not line1[0].isdigit() else line1
        line1 = re.sub(r"^(\d+\w*) (\w)", lambda m: m.group(1) + " " + m.group(2).upper(), line1)
    city_out = city.upper() if rng.random() < 0.25 else city
    return {"street": line1, "city": f"{pc} {city_out}", "city_name": city}


def make_contract(rng: random.Random, prefix: str, year: int) -> str:
    return f"{prefix}-{year}-{rng.randrange(1, 30000):06d}"


def format_contract(rng: random.Random, c: str) -> str:
    style = wchoice(rng, {"dash": 80, "space": 10, "plain": 10})
    if style == "space":
        return c.replace("-", " ")
    if style == "plain":
        return c.replace("-", "")
    return c


def format_cli(rng: random.Random, cli: str) -> str:
    return cli if rng.random() < 0.85 else cli.replace("-", "")


# ----------------------------------------------------------------------------------------------
# Topics. Each topic: core claims (>= 25 FR phrasings, >= 10 EN), details, asks, phone-note and
# chat variants, subjects, secondary-mention sentences. Slots are {name}; see Ctx.slot().
# ----------------------------------------------------------------------------------------------

TOPIC_SPECS: list[dict] = []


def T(**kw) -> None:
    TOPIC_SPECS.append(kw)


T(key="devis_demande", ctx="prospect", stage="decouverte_devis", planted=None, n=330, frus=0.1, rc=0.12, catchall=0.17,
  cats={"Devis": 8, "Contrat": 1}, wrong=["Contrat", "Livraison", "Facturation"],
  prods={"LOA": 4, "LLD": 4, "Crédit auto": 3, "Crédit-bail pro": 1}, ev=0.25,
  core=L("""
Je souhaiterais obtenir un devis de LOA pour une {vehicule} neuve, sur {duree_mois} et {km_an} par an.
Pourriez-vous me faire une proposition de location longue durée pour une {vehicule} ?
Je cherche à remplacer ma voiture actuelle et votre offre sur la {vehicule} m'intéresse.
J'ai vu votre publicité pour la {vehicule} à {loyer} par mois, est-ce toujours d'actualité ?
Nous sommes une petite entreprise et aimerions chiffrer le financement de deux utilitaires en crédit-bail.
Quel serait le montant des loyers pour une {vehicule} avec un apport de {apport} ?
Mon concessionnaire m'a remis une offre FinAuto mais il manque le coût total, pouvez-vous me l'envoyer ?
J'ai fait une simulation sur votre site et je voudrais être recontacté{e} par un conseiller pour aller plus loin.
Est-il possible d'avoir un devis sans apport pour une {vehicule} sur 49 mois ?
Je compare plusieurs organismes et j'aimerais recevoir votre meilleure offre pour un crédit auto de {montant_credit}.
Financez-vous aussi les véhicules d'occasion ? J'ai repéré une {vehicule} de 2022 avec {km}.
Suite à ma visite chez {garage}, le vendeur devait m'envoyer votre devis de LOA et je n'ai rien reçu.
Ma fille vient d'avoir son permis, nous pensons à une petite LLD pour elle : quelles sont vos conditions ?
Pouvez-vous me chiffrer une LOA sur 37 mois, {km_an} par an, entretien compris ?
Le devis que vous m'avez envoyé indique un loyer de {loyer} mais le simulateur affichait moins, d'où vient la différence ?
Je souhaite faire reprendre mon ancien véhicule immatriculé {plaque_fni} dans le cadre d'une nouvelle LOA, est-ce possible ?
J'aimerais une proposition chiffrée pour un leasing électrique, idéalement une {ev}.
Mon devis a expiré, pouvez-vous me le renouveler aux mêmes conditions ?
Quelle est la différence de loyer entre 10 000 et 15 000 km par an pour la {vehicule} ?
Auto-entrepreneur depuis peu, je me demande si je peux prétendre à un crédit-bail pour un véhicule de {montant_credit}.
Faites-moi parvenir une simulation pour un crédit classique sur 60 mois, montant {montant_credit}.
On m'a parlé d'une formule avec l'entretien inclus, je voudrais un devis détaillé avec et sans Entretien+.
Je voudrais comparer LOA et crédit auto pour la même {vehicule}, pouvez-vous me faire les deux chiffrages ?
Votre commercial devait me rappeler pour finaliser un devis ({ref_cmd}) mais je n'ai plus de nouvelles.
Quel apport minimum faut-il prévoir pour une {vehicule} en LOA ?
J'arrive bientôt au terme de ma LOA actuelle et je voudrais enchaîner sur un nouveau véhicule, pouvez-vous me faire une offre ?
Mon épouse et moi envisageons une seconde voiture en leasing, quelque chose de petit et économique, que proposez-vous ?
"""),
  core_en=L("""
I'd like a quote for leasing a {vehicule}, about {km_an_en} a year over three years.
Could you send me your best monthly price for a {ev} on a personal lease?
I'm relocating to France for work and need a car on a long-term lease — what would you need from me?
Your ad shows the {vehicule} at {loyer} a month, is that still available?
Can I get a finance quote with a {apport} deposit?
The dealer at {garage} gave me a FinAuto offer without the total cost, could you send the full breakdown?
Do you finance used cars? I found a 2022 {vehicule} with {km}.
I'm self-employed and looking at a lease for a van, can you price it?
My quote expired last week — can it be reissued on the same terms?
What's the price difference between 10k and 15k km per year?
I requested a callback through your online simulator two weeks ago and nobody got in touch.
"""),
  detail=L("""
Idéalement avec une livraison avant fin {mois_next}.
Je roule environ {km_an} par an, surtout de l'autoroute.
Mon budget est d'environ {loyer} par mois maximum.
Je suis en CDI depuis six ans, je ne pense pas avoir de souci pour le dossier.
J'ai déjà un contrat chez vous ({contrat}) qui se passe très bien.
J'hésite entre la finition de base et la version haut de gamme.
Je peux apporter {apport} grâce à la revente de mon ancienne voiture.
"""),
  detail_en=L("""
My budget is around {loyer} per month.
I drive mostly on the motorway, roughly {km_an_en} a year.
Ideally I'd need the car before the end of {mois_next_en}.
"""),
  ask=L("""
Merci de m'envoyer la proposition par mail.
Pouvez-vous me rappeler en fin de journée ?
J'attends votre proposition rapidement, je dois me décider avant la fin du mois.
Merci de me préciser aussi le coût total et le montant de l'option d'achat.
Un conseiller peut-il me contacter pour en discuter ?
"""),
  ask_en=L("""
Please email me the offer.
Could someone call me back?
Please include the total cost and the purchase option price.
"""),
  phone=L("""
demande devis LOA {vehicule}, {km_an}/an
souhaite simulation LLD sans apport
dde devis crédit auto {montant_credit} sur 60 mois
attend devis promis par la concession, rien reçu
compare offres, veut la meilleure mensualité
pro, demande chiffrage crédit-bail pour utilitaire
souhaite devis leasing électrique ({ev})
"""),
  chat=L("""
je voudrais un devis pour une {vehicule}
c combien par mois pour une {ev} en lld ?
vous faites du leasing pour les occasions ?
jai fait une simulation sur le site, qqn peut me rappeler
il faut quel apport minimum ?
"""),
  subj=L("""
Demande de devis
Devis LOA {vehicule}
Demande de simulation
Offre de location
Proposition commerciale
Renouvellement devis
Devis leasing
"""),
  subj_en=L("""
Quote request
Lease quote
Finance quote for {vehicule}
"""),
  sec=L("""
J'en profite pour demander un devis pour le remplacement de mon véhicule en fin de contrat.
Par ailleurs, pourriez-vous me faire une simulation pour un second véhicule ?
"""),
  sec_en=L("""
While I'm at it, could you also quote me for a second car?
"""),
)

T(key="simulation_conditions", ctx="prospect", stage="decouverte_devis", planted=None, n=200, frus=0.1, rc=0.1, catchall=0.22,
  cats={"Devis": 6, "Contrat": 2}, wrong=["Contrat", "Facturation", "Fin de contrat"],
  prods={"LOA": 3, "LLD": 3, "Crédit auto": 4, "Assurance emprunteur": 1}, ev=0.2,
  core=L("""
Quel est le taux appliqué actuellement sur vos crédits auto ? Le simulateur annonce {taux} mais sans préciser si l'assurance est incluse.
Je voudrais comprendre comment est calculé le TAEG de votre offre, il me paraît élevé.
L'assurance emprunteur est-elle obligatoire pour souscrire une LOA chez vous ?
Je suis retraité{e}, y a-t-il une limite d'âge pour obtenir un financement ?
Est-ce que je peux souscrire une LLD si je suis encore en période d'essai ?
J'habite en Belgique mais je travaille en France, suis-je éligible à vos offres ?
Que se passe-t-il si je dépasse le kilométrage prévu ? Combien coûte le kilomètre supplémentaire ?
Peut-on rembourser par anticipation un crédit auto chez vous, et y a-t-il des pénalités ?
L'option d'achat en fin de LOA est-elle négociable ?
Quelles garanties sont comprises dans la formule Entretien+ ?
Je ne saisis pas bien la différence entre premier loyer majoré et apport, pouvez-vous m'éclairer ?
Le taux de {taux} est-il fixe sur toute la durée ?
Peut-on changer de véhicule en cours de contrat si notre famille s'agrandit ?
Faut-il obligatoirement passer par un concessionnaire partenaire, ou puis-je acheter chez un particulier ?
Quels documents fournir pour un dossier de financement quand on est intérimaire ?
J'ai eu un incident bancaire réglé l'an dernier, ai-je une chance d'être accepté{e} ?
La LLD inclut-elle l'assurance du véhicule ou faut-il la prendre à part ?
L'entretien doit-il obligatoirement être fait dans votre réseau de garages ?
Les frais de dossier sont-ils offerts en ce moment ?
Combien de temps faut-il pour avoir une réponse de principe une fois le dossier envoyé ?
Peut-on mettre le contrat au nom de deux personnes, mon conjoint et moi ?
Le bonus écologique est-il déduit du loyer ou versé à part pour une {ev} ?
Que couvre exactement votre assurance emprunteur, en cas d'arrêt maladie par exemple ?
En LOA, qui paie la carte grise et les frais d'immatriculation ?
Est-il possible de choisir soi-même la date de prélèvement des loyers ?
Acceptez-vous les demandes de crédit-bail pour une société créée il y a moins d'un an ?
Simple question avant de m'engager : peut-on résilier une LLD en cours de route, et à quel prix ?
"""),
  core_en=L("""
What interest rate do you currently charge on car loans? The simulator says {taux} but I can't tell if insurance is included.
Is borrower insurance mandatory for a lease?
I'm on a work visa — am I eligible for a long-term lease?
How is excess mileage charged at the end of the contract?
Can I pay off a car loan early and are there penalties?
Does the long-term lease include car insurance, or do I need my own?
Is there an age limit for financing? I'm 72.
Can two people be named on the contract?
What documents do I need if I'm a contractor rather than salaried?
Is the EV bonus deducted from the monthly payment?
"""),
  detail=L("""
Je suis en CDI depuis 2019 avec un salaire net de {salaire}.
C'est pour un premier financement, je n'y connais pas grand-chose.
J'ai déjà fait une simulation chez un concurrent.
Le véhicule serait une {vehicule}.
"""),
  detail_en=L("""
It would be for a {vehicule}.
I've already had a quote from another lender.
"""),
  ask=L("""
Merci de me répondre par écrit.
Un conseiller peut-il m'appeler ?
Pouvez-vous m'envoyer la documentation ?
"""),
  ask_en=L("""
A written answer would be great.
Could you send me the documentation?
"""),
  phone=L("""
questions sur taux et TAEG
demande si assurance emprunteur obligatoire
éligibilité financement non-résident
renseignements option d'achat / km supplémentaires
infos pièces à fournir pour dossier intérimaire
demande conditions Entretien+
"""),
  chat=L("""
le taux c'est combien en ce moment
lassurance emprunteur est obligatoire ?
on peut rembourser avant la fin ?
la lld comprend l'assurance ou pas
je suis en periode d'essai ça passe ?
"""),
  subj=L("""
Question sur vos offres
Renseignements
Taux crédit auto
Conditions de financement
Question assurance emprunteur
Éligibilité
"""),
  subj_en=L("""
Question about your offers
Eligibility question
Interest rate
"""),
  sec=L("""
J'aurais aussi une question sur le taux de votre crédit auto pour un futur achat.
Et est-ce que l'assurance emprunteur est obligatoire, au passage ?
"""),
  sec_en=L("""
Also, is borrower insurance compulsory?
"""),
)

T(key="dossier_pieces_manquantes", ctx="pending", stage="souscription", planted=None, n=300, frus=0.35, rc=0.22, catchall=0.16,
  cats={"Contrat": 8, "Réclamation": 1}, wrong=["Devis", "Livraison", "Facturation"],
  prods={"LOA": 4, "LLD": 4, "Crédit auto": 3, "Crédit-bail pro": 1}, ev=0.2,
  core=L("""
Mon dossier de financement est bloqué depuis deux semaines, on me dit qu'il manque un justificatif mais personne ne me dit lequel.
J'ai déjà envoyé trois fois mon avis d'imposition et on me le redemande encore.
Le concessionnaire attend votre accord pour livrer la {vehicule} et mon dossier est toujours « en cours d'étude ».
On me réclame un justificatif de domicile de moins de trois mois alors que j'ai transmis ma facture d'électricité de {mois}.
Vous m'avez envoyé un mail indiquant que ma pièce d'identité est illisible, pourtant le scan est parfait.
Je ne parviens pas à déposer mes bulletins de salaire sur votre plateforme, le fichier est refusé à chaque fois.
Mon conseiller m'a assuré que le dossier était complet, et aujourd'hui je reçois une demande de pièces complémentaires.
Quelles pièces manquent exactement à mon dossier ? J'ai tout envoyé le {date_recente}.
Il vous faut le RIB signé ? Je l'ai joint avec le mandat SEPA la semaine dernière.
Je suis gérant et on me demande le Kbis et les deux derniers bilans, que je vous ai pourtant transmis.
Ma demande est en attente parce que mon employeur n'a pas encore fourni l'attestation, pouvez-vous accepter mon contrat de travail à la place ?
Le lien pour téléverser les documents ne fonctionne plus, il m'indique « dossier clôturé ».
Cela fait dix jours que le dossier est en étude, la livraison prévue le {date_future} risque d'être décalée.
On m'a demandé un justificatif de revenus pour mon conjoint alors qu'il n'est pas co-emprunteur.
J'ai reçu un courrier disant que mon dossier serait annulé faute de pièces, alors que tout a été envoyé.
Vous me demandez mon dernier avis d'imposition mais je ne l'ai pas encore reçu, comment faire ?
Je ne comprends pas pourquoi rien n'avance, la vendeuse chez {garage} dit que ça bloque chez vous.
Le relevé bancaire envoyé a été refusé car « non conforme », qu'est-ce que ça veut dire ?
Je vous ai fait parvenir les originaux par courrier recommandé et vous dites ne rien avoir reçu.
Mon numéro de dossier est {ref_dossier} et je n'ai aucune visibilité sur son avancement.
Le mandat de prélèvement que vous m'avez envoyé comporte une erreur sur mon nom, je ne peux pas le signer en l'état.
Il manquerait une copie recto verso du permis de conduire, je l'ai pourtant envoyée en PDF.
Expatrié{e} de retour en France, je n'ai pas encore d'avis d'imposition français : quelles alternatives acceptez-vous ?
Votre service exige une attestation d'assurance avant livraison, mais l'assureur attend la carte grise. On tourne en rond.
Mon dossier a été validé puis repassé « incomplet » sans explication.
Est-ce normal que l'étude de mon dossier prenne plus de trois semaines ?
On m'a demandé la même pièce par mail, par SMS et par courrier, et à chaque fois je la renvoie.
"""),
  core_en=L("""
My finance application has been stuck for two weeks because of a 'missing document' nobody can name.
I've uploaded my payslips three times and the portal keeps rejecting them.
You're asking for a French tax notice but I only moved here in March.
The dealer can't release the car until you approve the file, and it still says 'under review'.
I was told my ID scan is unreadable — it's a perfectly clear PDF.
Which documents are actually missing from my application? I sent everything on {date_recente_en}.
The upload link now says the file is closed, so I can't send anything.
Your letter says my application will be cancelled for missing paperwork, which I have sent twice.
Insurance wants the registration certificate, you want the insurance certificate first. Which comes first?
My application was approved and then put back to 'incomplete' without explanation.
"""),
  detail=L("""
J'ai tout envoyé en PDF le {date_recente}.
La livraison est prévue le {date_future}.
Votre plateforme affiche « en attente de pièces » depuis le {date_recente}.
Je joins à nouveau les documents à ce message.
Le vendeur, {tiers_prenom}, me relance tous les deux jours.
"""),
  detail_en=L("""
Delivery is scheduled for {date_future_en}.
I've attached the documents again.
"""),
  ask=L("""
Merci de me dire précisément ce qu'il manque.
Pouvez-vous débloquer le dossier rapidement ?
Merci de confirmer la bonne réception des pièces.
"""),
  ask_en=L("""
Please tell me exactly what's missing.
Could you confirm you have everything now?
"""),
  phone=L("""
dossier bloqué, ne sait pas quelle pièce manque
a renvoyé avis d'imposition 3 fois
concession attend accord financement pour livrer
upload bulletins de salaire impossible sur le portail
dossier repassé incomplet sans explication
demande liste précise des pièces manquantes
"""),
  chat=L("""
mon dossier est bloqué ça fait 2 semaines
il manque quoi dans mon dossier ?
j'arrive pas a envoyer mes fiches de paie sur le site
le concessionnaire attend votre accord
vous m'avez deja demandé ce papier 3 fois
"""),
  subj=L("""
Dossier incomplet ?
Pièces justificatives
Mon dossier de financement
Documents envoyés
Dossier bloqué
Suivi de dossier {ref_dossier}
"""),
  subj_en=L("""
Application status
Missing documents
Documents uploaded
"""),
  sec=L("""
Au passage, je n'arrive toujours pas à déposer mes justificatifs sur votre site.
Il semblerait aussi qu'il manque encore une pièce à mon dossier, pouvez-vous vérifier ?
"""),
  sec_en=L("""
Also, could you confirm you received my documents?
"""),
)

T(key="signature_electronique", ctx="pending", stage="souscription", planted=None, n=220, frus=0.3, rc=0.18, catchall=0.18,
  cats={"Contrat": 8, "Assistance": 1}, wrong=["Devis", "Livraison", "Facturation"],
  prods={"LOA": 4, "LLD": 4, "Crédit auto": 3, "Crédit-bail pro": 1}, ev=0.2,
  core=L("""
Le lien de signature électronique que vous m'avez envoyé a expiré avant que je puisse signer.
Impossible de finaliser la signature du contrat, la page tourne dans le vide au moment de valider.
Je n'ai jamais reçu l'e-mail contenant le lien pour signer mon contrat.
Lors de la signature en ligne, mon nom apparaît mal orthographié, je ne veux pas signer un contrat erroné.
La plateforme de signature m'indique « document déjà signé » alors que je n'ai rien signé.
Le contrat à signer ne correspond pas à ce qui a été convenu avec le vendeur : 48 mois au lieu de 36.
J'ai signé électroniquement il y a une semaine et le concessionnaire dit ne pas avoir reçu le contrat signé.
Mon conjoint, co-titulaire, n'a jamais reçu son invitation à signer.
Le PDF à parapher ne s'affiche pas sur mon téléphone, et je n'ai pas d'ordinateur.
Pouvez-vous me renvoyer un lien de signature ? Le premier est parti sur une ancienne adresse mail.
À la dernière étape on me demande une pièce d'identité et l'envoi échoue systématiquement.
Je ne peux pas signer : le loyer affiché ({loyer}) n'est pas celui du devis ({loyer2}).
Le code reçu pour valider ma signature est refusé, j'ai essayé trois fois et le dossier est maintenant verrouillé.
La signature me bloque à l'étape « vérification d'identité », le selfie n'est jamais accepté.
On m'a demandé de signer le mandat SEPA en ligne mais le bouton « Signer » reste grisé.
Je préférerais signer le contrat sur papier, est-ce encore possible ?
J'ai reçu deux enveloppes de signature différentes pour le même contrat, laquelle dois-je signer ?
Après avoir signé, je n'ai reçu aucun exemplaire du contrat, est-ce normal ?
La signature a échoué et depuis, le lien renvoie une erreur 404.
Votre prestataire de signature me demande de créer un compte, je ne comprends pas pourquoi.
Je suis à l'étranger et votre système n'accepte pas mon numéro de téléphone étranger pour signer.
L'offre de crédit à signer ne mentionne pas l'assurance que j'ai pourtant choisie.
Le délai de rétractation a-t-il commencé alors que la signature a échoué ?
J'ai signé le bon de commande chez le concessionnaire mais pas le contrat de financement, on me dit que ça bloque de votre côté.
La page de signature reste blanche, quel que soit le navigateur.
Je me suis trompé{e} en cochant une case pendant la signature, peut-on recommencer ?
"""),
  core_en=L("""
The e-signature link expired before I could sign.
I never received the email with the signing link.
My name is misspelled on the contract I'm supposed to sign electronically.
The signing page just spins when I click to validate.
The platform says the document is already signed but I haven't signed anything.
The contract shows 48 months instead of the 36 we agreed on, so I won't sign it.
My co-signer never got her invitation to sign.
Your e-signature service won't accept a UK mobile number.
I signed a week ago and the dealer says they never got the signed contract.
The 'Sign' button on the SEPA mandate stays greyed out.
"""),
  detail=L("""
J'ai essayé sur téléphone et sur ordinateur.
Le message d'erreur indique « session expirée ».
Le vendeur attend le contrat signé pour lancer la commande.
"""),
  detail_en=L("""
I tried on both my phone and my laptop.
The dealer is waiting for the signed contract.
"""),
  ask=L("""
Merci de me renvoyer un lien valide.
Pouvez-vous corriger le contrat avant que je signe ?
Dites-moi comment procéder.
"""),
  ask_en=L("""
Please send me a new link.
Please correct the contract before I sign it.
"""),
  phone=L("""
lien signature électronique expiré, demande renvoi
n'a jamais reçu le mail de signature
erreur sur le nom dans le contrat à signer
signature bloquée étape vérif identité
contrat signé mais concession dit ne pas l'avoir
co-titulaire pas reçu invitation à signer
"""),
  chat=L("""
le lien pour signer marche pas
jai pas recu le mail pour signer le contrat
la page de signature charge a l'infini
mon nom est mal écrit sur le contrat
vous pouvez me renvoyer le lien ?
"""),
  subj=L("""
Signature électronique
Lien de signature expiré
Problème signature contrat
Contrat à signer
Signature impossible
"""),
  subj_en=L("""
E-signature problem
Signing link expired
Contract signature
"""),
  sec=L("""
Je n'arrive pas non plus à signer électroniquement le document, le lien ne marche pas.
Et le lien de signature que vous m'avez envoyé a expiré, pouvez-vous m'en renvoyer un ?
"""),
  sec_en=L("""
Also the signing link you sent has expired.
"""),
)

T(key="espace_client_acces", stage="souscription", planted=None, n=260, frus=0.3, rc=0.15, catchall=0.3,
  cats={"Assistance": 5, "Contrat": 2}, wrong=["Facturation", "Réclamation", "Prélèvement"],
  prods={"LOA": 4, "LLD": 4, "Crédit auto": 3, "Crédit-bail pro": 1, "Entretien+": 1}, ev=0.2,
  core=L("""
J'ai oublié mon mot de passe et le mail de réinitialisation n'arrive jamais.
Mon compte est bloqué après trois tentatives, comment le débloquer ?
Je n'arrive pas à créer mon espace client, on me dit que mon numéro client est inconnu.
Je souhaite changer l'adresse e-mail associée à mon espace client, l'ancienne n'existe plus.
Dans mon espace client je ne trouve pas mes factures des derniers mois.
L'identifiant qu'on m'a communiqué par courrier ne fonctionne pas.
Depuis que j'ai changé d'ordinateur, le site ne reconnaît plus mes identifiants.
L'espace client affiche une erreur technique à chaque connexion depuis hier.
Le code d'activation reçu par courrier est périmé, pouvez-vous m'en envoyer un nouveau ?
Mon espace client indique qu'aucun contrat n'est rattaché à mon compte.
Je voudrais supprimer mon compte en ligne, je n'en ai plus l'utilité.
Je vois les contrats de mon ex-conjoint dans mon espace client, ce n'est pas normal.
Le site me renvoie sans cesse sur la page de connexion, impossible d'accéder au tableau de bord.
Je n'arrive pas à modifier mes coordonnées en ligne, le formulaire ne s'enregistre pas.
Votre site refuse mon mot de passe alors que je viens de le réinitialiser.
Où puis-je télécharger mon échéancier ? Je ne le trouve nulle part sur le site.
Je n'ai jamais reçu mes identifiants de connexion après la signature.
Le mail de confirmation de création de compte est arrivé dans les spams et le lien a expiré.
Mon compte a été verrouillé « pour raisons de sécurité », sans autre explication.
Il y a deux sites différents et je ne sais pas lequel est le bon pour accéder à mon contrat.
D'après le site, mon adresse mail est déjà utilisée par un autre compte, ce qui est impossible.
Le lien « mot de passe oublié » ne fait rien quand je clique dessus.
Ça fonctionne sur mon portable mais plus du tout depuis l'ordinateur du bureau.
Les documents de mon espace client s'ouvrent en PDF vides.
Pouvez-vous réinitialiser mon accès ? J'ai tout essayé.
On me demande mon numéro client pour me connecter, où le trouver ?
"""),
  core_en=L("""
I forgot my password and the reset email never arrives.
My online account is locked after three attempts.
I can't create an account — the site says my customer number doesn't exist.
I need to change the email address on my account; I no longer have access to the old one.
I can't find my invoices anywhere in the customer area.
The login page keeps looping back to itself.
The activation code you posted to me has expired.
My account says there's no contract linked to it.
The PDFs in my account open blank.
Where do I find my customer number to log in?
"""),
  detail=L("""
J'ai bien vérifié mes spams.
J'utilise Chrome sur un PC Windows.
Mon identifiant est mon adresse mail {email}.
J'ai essayé plusieurs fois depuis le {date_recente}.
"""),
  detail_en=L("""
I've checked my spam folder.
My login is {email}.
"""),
  ask=L("""
Merci de débloquer mon accès.
Pouvez-vous m'envoyer un nouveau mot de passe ?
Merci de m'indiquer la marche à suivre.
"""),
  ask_en=L("""
Please unlock my access.
What should I do?
"""),
  phone=L("""
mdp oublié, mail de réinit non reçu
compte bloqué après 3 essais, déblocage fait
ne trouve pas ses factures dans l'espace client
changement adresse mail de l'espace client
n° client inconnu à la création de compte
erreur technique à la connexion, capture demandée
"""),
  chat=L("""
j'arrive pas a me connecter
mot de passe oublié et je recois rien
mon compte est bloqué
ou je trouve mes factures sur le site ?
le site plante quand je me connecte
"""),
  subj=L("""
Accès espace client
Mot de passe oublié
Compte bloqué
Problème de connexion
Identifiants
"""),
  subj_en=L("""
Login problem
Account locked
Password reset
"""),
  sec=L("""
Par ailleurs je n'arrive plus à me connecter à mon espace client.
Autre souci : mon compte en ligne est bloqué.
"""),
  sec_en=L("""
Also, I can't log in to my online account.
"""),
)

T(key="refus_financement", ctx="prospect", stage="souscription", planted=None, n=140, frus=0.55, rc=0.2, catchall=0.15,
  cats={"Contrat": 6, "Réclamation": 2}, wrong=["Devis", "Facturation", "Résiliation"],
  prods={"LOA": 4, "LLD": 4, "Crédit auto": 4, "Crédit-bail pro": 1}, ev=0.2,
  core=L("""
Ma demande de financement a été refusée sans aucune explication, je souhaiterais en connaître les raisons.
Je ne comprends pas ce refus : CDI, aucun crédit en cours, et un apport de {apport}.
Vous avez refusé mon dossier alors que le concessionnaire m'avait parlé d'une simple formalité.
Le refus est arrivé la veille de la livraison prévue, je me retrouve sans voiture.
Pouvez-vous réexaminer mon dossier ? Ma situation a changé depuis la demande.
Le refus est-il lié à un fichage ? Je n'ai jamais eu d'incident de paiement.
On m'a refusé la LOA mais accepté un crédit classique plus cher, c'est incompréhensible.
Mon co-emprunteur a des revenus confortables et pourtant le dossier est refusé.
J'ai reçu un mail automatique de refus, sans même un appel d'un conseiller.
Ce refus m'empêche d'avoir le véhicule dont j'ai besoin pour mon nouveau travail.
Client{e} chez vous depuis huit ans, jamais un retard, et vous refusez mon nouveau contrat ?
Le motif invoqué, « taux d'endettement », est faux : mon crédit immobilier est terminé.
Puis-je refaire une demande avec un apport plus important ?
Le vendeur m'explique que le refus vient d'une erreur de saisie de mes revenus dans votre système.
Dossier refusé pour « stabilité professionnelle insuffisante » alors que je suis fonctionnaire.
Je conteste la décision de refus, j'ai fourni tous les justificatifs demandés.
Suite à ce refus, j'ai perdu l'acompte versé chez le concessionnaire, qui va me rembourser ?
Est-il possible de parler à un analyste crédit plutôt qu'à un serveur vocal ?
On m'avait donné un accord de principe et maintenant c'est un refus définitif, pourquoi ?
J'ai besoin d'un courrier officiel de refus pour ma banque.
Indépendant{e} depuis trois ans, bilans positifs, et on me refuse un crédit-bail : quels critères appliquez-vous ?
Après ce refus, je souhaite que mes données personnelles soient supprimées de vos fichiers.
Je trouve anormal d'être refusé{e} parce que je travaille en intérim depuis des années.
Votre refus est tombé en 24 heures, mon dossier a-t-il vraiment été étudié ?
La demande pour ma fille, avec moi comme caution, a été rejetée. Quelle alternative proposez-vous ?
"""),
  core_en=L("""
My finance application was declined with no reason given.
I'm a permanent employee with no other debts, why was I refused?
The refusal came the day before delivery and now I'm stuck without a car.
Could you review my application again? My situation has changed.
I had an agreement in principle, now it's a final no. What happened?
I need an official refusal letter for my bank.
Is the refusal because I haven't lived in France long? I have a good credit history in the UK.
You approved a more expensive loan but declined the lease, that makes no sense.
I lost the deposit I paid the dealer because of your refusal.
Could I reapply with a bigger deposit?
"""),
  detail=L("""
Mon salaire net est de {salaire} par mois.
Le véhicule visé est une {vehicule}.
Le concessionnaire, {garage}, peut vous confirmer mon dossier.
"""),
  detail_en=L("""
My net salary is {salaire}.
"""),
  ask=L("""
Merci de me communiquer le motif précis.
Je demande un réexamen de mon dossier.
Merci de me rappeler.
"""),
  ask_en=L("""
Please tell me the actual reason.
I'd like the decision reviewed.
"""),
  phone=L("""
refus financement, demande le motif
conteste refus, CDI et apport {apport}
refus la veille de la livraison, client{e} très contrarié{e}
demande réexamen du dossier
veut un courrier officiel de refus
"""),
  chat=L("""
mon financement a été refusé pourquoi ?
je comprend pas le refus
on peut refaire une demande ?
j'ai un cdi et vous refusez ??
"""),
  subj=L("""
Refus de financement
Contestation refus
Demande de réexamen
Pourquoi ce refus ?
"""),
  subj_en=L("""
Application declined
Finance refused
"""),
  sec=L("""
Et je n'ai toujours pas d'explication sur le refus de mon dossier.
"""),
  sec_en=L("""
I also still have no explanation for the refusal.
"""),
)

T(key="livraison_retard", ctx="pending", stage="livraison", planted=None, n=330, frus=0.55, rc=0.24, catchall=0.15,
  cats={"Livraison": 8, "Réclamation": 1}, wrong=["Contrat", "Devis", "Assistance"],
  prods={"LOA": 4, "LLD": 5, "Crédit auto": 2, "Crédit-bail pro": 1}, ev=0.25, shape="autumn",
  core=L("""
La livraison de ma {vehicule}, prévue le {date_recente}, a été reportée sans que personne ne me prévienne.
Cela fait maintenant {delai} que j'attends mon véhicule, la date ne cesse d'être repoussée.
Le concessionnaire me dit que c'est FinAuto qui bloque la livraison, vous me dites l'inverse.
J'ai rendu mon ancien véhicule et le nouveau n'est toujours pas livré, je n'ai plus de voiture pour travailler.
On m'annonce désormais une livraison en {mois_next} au lieu de {mois} : c'est inacceptable.
Vais-je payer des loyers alors que je n'ai pas encore la voiture ?
Le transporteur n'est jamais venu au rendez-vous de livraison à domicile.
Ma LLD devait démarrer le {date_recente}, et je n'ai aucune nouvelle de la voiture.
Pouvez-vous me donner une date de livraison fiable ? J'ai déjà posé deux jours de congé pour rien.
Mon premier loyer a été prélevé alors que le véhicule n'est toujours pas livré.
Le vendeur parle d'un problème d'usine, puis de transport, puis d'un dossier incomplet chez vous.
Trois fois de suite, le rendez-vous de livraison a été annulé la veille.
Je voudrais annuler la commande vu le retard de livraison, quelles sont les conséquences ?
Ma voiture est en concession depuis dix jours, mais on ne peut pas me la remettre faute de validation de votre part.
Pendant ce retard, qui prend en charge la location de voiture dont j'ai besoin ?
Le suivi de commande n'a pas bougé depuis le {date_recente} : « véhicule en préparation ».
On m'avait promis la voiture avant les vacances, on parle maintenant de fin {mois_next}.
Je commence un nouveau poste à {ville} et je n'ai toujours pas le véhicule promis.
La date de livraison inscrite au contrat est dépassée de plus d'un mois, où en est ma commande ({ref_cmd}) ?
Mon ancien contrat se termine le {date_future} et la nouvelle voiture n'arrivera pas avant, que faire ?
Personne n'est capable de me dire où se trouve mon véhicule.
Depuis que la livraison est repoussée, le concessionnaire ne répond plus au téléphone.
Pourquoi la livraison est-elle conditionnée à un document que vous avez déjà reçu ?
J'ai appris par hasard que mon véhicule avait été livré... dans une autre concession.
Je veux un geste commercial pour ce retard de près de deux mois.
La voiture est prête mais il manque les plaques définitives, on me demande d'attendre encore.
"""),
  core_en=L("""
My {vehicule} was due on {date_recente_en} and the delivery has been pushed back again with no notice.
I've been waiting {delai_en} for the car and nobody can give me a firm date.
The dealer says FinAuto is holding things up; you say it's the dealer.
I handed back my old car and the new one still isn't here — I need it to get to work.
Am I going to pay rentals before the car is even delivered? The first one has already gone out.
The delivery driver never showed up for the home delivery slot.
The order tracking has said 'in preparation' for three weeks.
Can I cancel the order given the delay?
Who pays for a rental car while I wait?
I'm starting a new job in {ville} and still have no car.
"""),
  detail=L("""
La commande a été passée le {date_old} chez {garage}.
J'ai dû louer une voiture à mes frais, {montant_loc} pour la semaine.
Le vendeur, {tiers_prenom}, ne me rappelle jamais.
Mon contrat porte le numéro {contrat}.
"""),
  detail_en=L("""
I ordered the car on {date_old_en} at {garage}.
I've had to rent a car at my own expense.
"""),
  ask=L("""
Merci de me donner une date ferme.
Je demande la suspension des loyers jusqu'à la livraison.
Merci de faire le point avec le concessionnaire et de me rappeler.
"""),
  ask_en=L("""
Please give me a firm date.
Payments should be suspended until the car is delivered.
"""),
  phone=L("""
livraison {vehicule} repoussée pour la 2e fois
attend véhicule depuis {delai}, n'a plus de voiture
concession et FinAuto se renvoient la balle
1er loyer prélevé avant livraison
demande véhicule de courtoisie pendant le retard
veut annuler la commande vu le retard
"""),
  chat=L("""
ma voiture devait être livrée la semaine dernière
toujours pas de date de livraison
le concessionnaire dit que ca bloque chez vous
vous m'avez prélevé alors que j'ai pas la voiture
c'est quand la livraison ??
"""),
  subj=L("""
Retard de livraison
Livraison véhicule
Date de livraison
Où est ma voiture ?
Livraison reportée
"""),
  subj_en=L("""
Delivery delay
Where is my car?
Delivery date
"""),
  sec=L("""
Et au passage, toujours aucune date pour la livraison de mon véhicule.
Je précise que la livraison a déjà été repoussée une fois.
"""),
  sec_en=L("""
And I still have no delivery date for the car.
"""),
)

T(key="livraison_non_conforme", stage="livraison", planted=None, n=220, frus=0.5, rc=0.2, catchall=0.15,
  cats={"Livraison": 8, "Réclamation": 2}, wrong=["Entretien", "Contrat", "Sinistre"],
  prods={"LOA": 4, "LLD": 5, "Crédit auto": 2, "Crédit-bail pro": 1}, ev=0.25,
  core=L("""
Le véhicule livré n'a pas les options prévues au contrat : pas de caméra de recul ni de sièges chauffants.
J'ai commandé une {vehicule} grise et on m'a livré une blanche.
À la livraison, j'ai constaté une rayure sur la portière et une jante abîmée, le livreur a refusé de le noter.
La finition livrée est inférieure à celle indiquée sur mon contrat de location.
Il manque le deuxième jeu de clés.
Le compteur affichait déjà {km_livr} km à la livraison d'un véhicule censé être neuf.
Le GPS intégré qui figurait sur le bon de commande n'est pas présent.
Le véhicule a été livré avec des pneus été alors que j'avais pris le pack hiver.
Le loyer est calculé sur la version haut de gamme mais j'ai reçu la version de base.
Le carnet d'entretien et le manuel sont absents.
La voiture a été livrée sale, réservoir vide et un voyant allumé au tableau de bord.
Le crochet d'attelage commandé et payé n'a pas été installé.
La sellerie n'est pas de la couleur choisie, et le concessionnaire trouve que c'est « quasiment pareil ».
Mon contrat mentionne une boîte automatique, la voiture livrée est en boîte manuelle !
Les jantes 18 pouces prévues ont été remplacées par des 16 pouces.
Le numéro de série de la voiture livrée ne correspond pas à celui du contrat ({vin}).
Il y a un impact sur le pare-brise, que j'ai signalé sur le PV de livraison.
Ce n'est pas le millésime commandé : on m'a livré un véhicule de stock de l'an dernier.
La roue de secours annoncée est remplacée par un simple kit anti-crevaison.
Le toit ouvrant fait partie du contrat mais n'existe pas sur ma voiture.
Je veux savoir qui va prendre en charge la remise en conformité du véhicule.
J'ai signé le PV de livraison trop vite et je découvre maintenant qu'il manque des équipements.
Les tapis de sol et le kit de sécurité promis par le vendeur n'étaient pas dans le véhicule.
La climatisation ne fonctionne pas depuis le premier jour.
Mon loyer devrait baisser puisque le véhicule reçu a moins d'équipements que prévu.
"""),
  core_en=L("""
The car delivered doesn't have the options in my contract — no reversing camera, no heated seats.
I ordered a grey {vehicule} and got a white one.
There was a scratch on the door at delivery and the driver wouldn't note it.
The trim level delivered is lower than the one I'm paying for.
The odometer showed {km_livr} km on a supposedly new car.
Only one key was handed over.
It's a manual gearbox; the contract says automatic.
The tow bar I paid for was never fitted.
The VIN on the car doesn't match the one on the contract.
If the car has fewer features, my monthly payment should go down.
"""),
  detail=L("""
J'ai pris des photos le jour de la livraison.
Le bon de commande ({ref_cmd}) mentionne bien ces équipements.
La livraison a eu lieu le {date_recente} chez {garage}.
Le véhicule est immatriculé {plaque}.
"""),
  detail_en=L("""
I took photos on delivery day.
The order form ({ref_cmd}) clearly lists these options.
"""),
  ask=L("""
Merci de faire le nécessaire pour une remise en conformité.
Je demande une baisse de loyer en conséquence.
Qui dois-je contacter ?
"""),
  ask_en=L("""
Please arrange for the car to be brought up to spec.
I expect a reduction in the monthly payment.
"""),
  phone=L("""
véhicule livré sans les options du contrat
mauvaise couleur à la livraison
rayure constatée à la livraison, non notée sur le PV
finition inférieure, demande baisse de loyer
2e clé manquante
boîte manuelle au lieu d'auto
"""),
  chat=L("""
la voiture livrée a pas les options
on m'a livré la mauvaise couleur
il manque la 2eme clé
y a une rayure sur la porte depuis la livraison
"""),
  subj=L("""
Véhicule non conforme
Options manquantes
Problème à la livraison
Non-conformité
Réclamation livraison
"""),
  subj_en=L("""
Car not as ordered
Missing options
Delivery issue
"""),
  sec=L("""
Je vous signale aussi que le véhicule livré n'avait pas toutes les options prévues.
"""),
  sec_en=L("""
Also, the car came without some of the options I ordered.
"""),
)

T(key="documents_immatriculation", stage="livraison", planted=None, n=200, frus=0.45, rc=0.22, catchall=0.2,
  cats={"Livraison": 5, "Contrat": 4}, wrong=["Facturation", "Sinistre", "Fin de contrat"],
  prods={"LOA": 4, "LLD": 5, "Crédit auto": 2, "Crédit-bail pro": 1}, ev=0.2,
  core=L("""
Je n'ai toujours pas reçu la carte grise définitive de mon véhicule, le certificat provisoire expire dans huit jours.
Mon certificat d'immatriculation provisoire arrive à échéance le {date_future} et je n'ai rien reçu.
La carte grise porte une erreur sur l'adresse, je ne peux pas la présenter en cas de contrôle.
On m'a livré la voiture avec des plaques WW, combien de temps vais-je rouler comme ça ?
J'ai besoin d'une copie de la carte grise pour mon assurance, pouvez-vous me l'envoyer ?
Pour partir à l'étranger avec le véhicule loué, il me faut une autorisation de sortie du territoire.
La carte grise est au nom de FinAuto, mon assureur demande un document prouvant que je suis le locataire.
J'ai déménagé, comment faire modifier l'adresse sur le certificat d'immatriculation ?
Le concessionnaire dit avoir transmis la demande d'immatriculation, l'ANTS n'en a aucune trace.
Pour la vignette Crit'Air, on me demande la carte grise que je n'ai pas.
J'ai été arrêté{e} par la police avec un certificat provisoire périmé, et ce n'est pas de ma faute.
Le numéro d'immatriculation sur le contrat est différent de celui qui figure sur la voiture ({plaque}).
Pouvez-vous me confirmer à quelle adresse la carte grise a été envoyée ?
La carte grise est partie à mon ancienne adresse et je ne la retrouve pas.
J'ai perdu l'original de la carte grise, que dois-je faire puisque le véhicule ne m'appartient pas ?
Pour faire poser un attelage, il faut modifier la carte grise : avez-vous la procédure ?
L'attestation de location exigée pour circuler en zone à faibles émissions ne m'a jamais été remise.
Mon employeur me demande le certificat d'immatriculation pour les indemnités kilométriques.
Le nom du co-titulaire manque sur la carte grise.
Mon utilitaire n'a pas de carte grise définitive depuis {delai}, toute mon activité en dépend.
Je souhaite recevoir un duplicata du certificat d'immatriculation.
La date de première immatriculation sur la carte grise est fausse.
On me demande de payer la taxe de carte grise alors qu'elle était incluse dans le loyer.
Le certificat provisoire que j'ai est illisible, pouvez-vous m'en renvoyer un ?
Mon assureur refuse de me couvrir au-delà du mois prochain sans carte grise définitive.
"""),
  core_en=L("""
I still haven't received the permanent registration document and the temporary one expires next week.
The registration certificate has the wrong address on it.
I need a copy of the registration document for my insurer.
I'm taking the car to Spain — do I need an authorisation letter from you as the owner?
The car was delivered on temporary plates weeks ago.
The registration was sent to my old address.
My insurer needs proof that I'm the lessee since the car is registered to FinAuto.
The plate number on the contract is different from the one on the car.
I need a duplicate registration certificate.
I was stopped by the police with an expired temporary certificate.
"""),
  detail=L("""
Immatriculation : {plaque}.
Le véhicule a été livré le {date_old}.
Mon assureur me relance chaque semaine.
Numéro de série : {vin}.
"""),
  detail_en=L("""
Registration: {plaque}.
The car was delivered on {date_old_en}.
"""),
  ask=L("""
Merci de me faire parvenir le document au plus vite.
Pouvez-vous me l'envoyer par mail en PDF ?
Merci de me dire où en est la demande.
"""),
  ask_en=L("""
Please send it as soon as possible.
A PDF by email would be fine.
"""),
  phone=L("""
carte grise définitive non reçue, CPI expire bientôt
erreur d'adresse sur le certificat d'immatriculation
demande autorisation de sortie du territoire
demande copie carte grise pour l'assureur
CG envoyée à l'ancienne adresse
"""),
  chat=L("""
j'ai tjrs pas la carte grise
mon certificat provisoire expire bientot
il me faut une copie de la carte grise pour l'assurance
comment je fais pour aller en espagne avec la voiture
"""),
  subj=L("""
Carte grise
Certificat d'immatriculation
Carte grise non reçue
Autorisation de sortie du territoire
Copie carte grise
"""),
  subj_en=L("""
Registration document
Vehicle registration
"""),
  sec=L("""
Je n'ai d'ailleurs toujours pas reçu la carte grise définitive.
Pouvez-vous aussi m'envoyer une copie de la carte grise ?
"""),
  sec_en=L("""
Could you also send me a copy of the registration certificate?
"""),
)

T(key="changement_rib", stage="facturation_prelevements", planted=None, n=300, frus=0.2, rc=0.18, catchall=0.15,
  cats={"Prélèvement": 7, "Facturation": 2}, wrong=["Contrat", "Résiliation", "Fin de contrat"],
  prods={"LOA": 4, "LLD": 4, "Crédit auto": 4, "Crédit-bail pro": 1}, ev=0.2,
  core=L("""
Je change de banque et souhaite que les prochains loyers soient prélevés sur mon nouveau compte.
Voici mon nouveau RIB, merci de mettre à jour le mandat de prélèvement : {iban}
Comment modifier mes coordonnées bancaires pour les prélèvements ?
J'ai clôturé mon ancien compte, le prochain prélèvement sera rejeté si vous ne prenez pas mon nouveau RIB.
Je vous ai envoyé mon nouveau RIB il y a un mois et le prélèvement est encore parti sur l'ancien compte.
Pouvez-vous prélever désormais sur le compte joint plutôt que sur mon compte personnel ?
Le formulaire de changement de RIB sur votre site ne fonctionne pas.
Je souhaite remplacer l'IBAN {iban_old} par {iban}.
Faut-il signer un nouveau mandat SEPA pour le changement de compte ?
Notre société a changé de banque, merci de mettre à jour le RIB pour le contrat de crédit-bail.
Dans combien de temps le nouveau RIB sera-t-il pris en compte ?
Mon RIB a été modifié sans mon accord, je n'ai jamais demandé ce changement.
Je suis passé{e} dans une banque en ligne, quelles informations vous faut-il ?
Le prélèvement de {mois} sur l'ancien compte a été rejeté car il est clos, pouvez-vous le représenter sur le nouveau ?
Ci-joint le RIB de ma nouvelle banque, merci d'en tenir compte dès l'échéance de {mois_next}.
Vous m'avez confirmé le changement par courrier mais l'espace client affiche encore l'ancien RIB.
Je voudrais être prélevé{e} sur mon compte allemand, est-ce possible ?
Mon conjoint prendra désormais en charge les loyers, comment changer le compte débité ?
Le mandat SEPA que vous m'avez envoyé contient une erreur dans l'IBAN.
Si je change de RIB, la date de prélèvement reste-t-elle la même ?
Votre conseiller m'a dit de vous renvoyer mon RIB par mail, le voici : {iban}
Je souhaite arrêter le prélèvement et payer par virement chaque mois.
Puis-je mettre à jour mon RIB par téléphone ou faut-il un courrier signé ?
Mon ancienne banque m'informe qu'un prélèvement FinAuto a été présenté après la clôture du compte.
Merci de noter mes nouvelles coordonnées bancaires : {iban}, titulaire {nom}.
"""),
  core_en=L("""
I've switched banks — please take future payments from my new account: {iban}
How do I update my bank details for the direct debit?
I closed my old account, so please don't present the next payment there.
I sent my new bank details a month ago and the payment still went to the old account.
Do I need to sign a new SEPA mandate?
Can you debit my German account instead?
The online form to change bank details doesn't work.
Please replace {iban_old} with {iban}.
How long does a change of bank details take to apply?
I'd rather pay by bank transfer than direct debit.
"""),
  detail=L("""
Le changement doit être effectif avant le {jour_prel} du mois prochain.
Je joins le RIB en pièce jointe.
Mon ancien compte sera clôturé le {date_future}.
"""),
  detail_en=L("""
My old account closes on {date_future_en}.
"""),
  ask=L("""
Merci de me confirmer la prise en compte.
Pouvez-vous m'envoyer le nouveau mandat à signer ?
"""),
  ask_en=L("""
Please confirm once it's updated.
"""),
  phone=L("""
changement RIB, nouvel IBAN communiqué
ancien compte clos, demande représentation prlv sur le nouveau
demande formulaire mandat SEPA
prlv encore parti sur l'ancien compte malgré envoi RIB
veut payer par virement au lieu du prélèvement
"""),
  chat=L("""
je voudrais changer de rib
comment je modifie mes coordonnées bancaires
jai changé de banque
vous avez bien reçu mon nouveau rib ?
"""),
  subj=L("""
Changement de RIB
Nouveau RIB
Modification coordonnées bancaires
Mandat SEPA
Changement de banque
"""),
  subj_en=L("""
New bank details
Change of bank account
"""),
  sec=L("""
Au passage, voici mon nouveau RIB pour les prochains prélèvements : {iban}
Je dois aussi changer de RIB, que faut-il faire ?
"""),
  sec_en=L("""
Also, please update my bank details: {iban}
"""),
)

T(key="echeancier_date_prelevement", stage="facturation_prelevements", planted=None, n=220, frus=0.15, rc=0.12,
  catchall=0.2, cats={"Facturation": 6, "Prélèvement": 3}, wrong=["Contrat", "Fin de contrat", "Résiliation"],
  prods={"LOA": 4, "LLD": 4, "Crédit auto": 4, "Crédit-bail pro": 1}, ev=0.2,
  core=L("""
Serait-il possible de décaler la date de prélèvement au 10 du mois plutôt qu'au {jour_prel} ?
Je voudrais recevoir l'échéancier complet de mon contrat.
Mon salaire tombe le 28, pouvez-vous prélever les loyers en début de mois ?
Combien d'échéances me reste-t-il à payer ?
Je n'ai pas reçu l'échéancier après la signature, pouvez-vous me l'envoyer ?
Pourquoi le montant de l'échéance change-t-il légèrement d'un mois à l'autre ?
L'échéancier que j'ai reçu ne mentionne pas la dernière mensualité.
Puis-je passer à un paiement trimestriel plutôt que mensuel ?
Le changement de date de prélèvement demandé le mois dernier n'a pas été appliqué.
À quelle date exacte passera le dernier prélèvement ?
Payé{e} en fin de mois, je suis systématiquement à découvert avec un prélèvement au {jour_prel}.
Merci de m'indiquer le capital restant dû et le nombre d'échéances restantes.
Sur l'échéancier, la part assurance n'apparaît pas séparément.
Le premier loyer était plus élevé que prévu, est-ce normal ?
Je voudrais un tableau d'amortissement pour ma déclaration.
Pouvez-vous me confirmer la date du prochain prélèvement ? J'ai une grosse dépense ce mois-ci.
L'échéancier de l'espace client et celui du contrat ne concordent pas.
Pour mon entreprise, j'ai besoin d'un échéancier avec la TVA détaillée.
Est-il possible d'aligner les prélèvements de mes deux contrats à la même date ?
Le prélèvement est passé le {jour_prel} alors qu'il devait passer le 5, pourquoi ?
Un changement de date entraîne-t-il des frais ?
J'ai besoin de l'échéancier pour un dossier de surendettement.
Mon comptable me demande le détail des échéances HT et TTC.
Quelle est la date de la dernière échéance de mon contrat ?
Exceptionnellement, j'aurais besoin d'un report d'une semaine pour le prélèvement de ce mois.
"""),
  core_en=L("""
Could you move my payment date to the 10th of the month?
Please send me the full payment schedule for my contract.
How many instalments do I have left?
My salary comes in at the end of the month, so the current debit date doesn't work.
Why does the monthly amount vary slightly?
I need an amortisation table for my records.
The schedule in my online account doesn't match the contract.
When is the final payment due?
Is there a fee to change the payment date?
I requested a date change last month and it hasn't been applied.
"""),
  detail=L("""
Mon contrat : {contrat}.
Je suis prélevé{e} actuellement le {jour_prel} de chaque mois.
Le loyer est de {loyer}.
"""),
  detail_en=L("""
My contract is {contrat}.
"""),
  ask=L("""
Merci de m'envoyer le document par mail.
Pouvez-vous faire le changement dès le mois prochain ?
"""),
  ask_en=L("""
Please email it to me.
"""),
  phone=L("""
demande changement date prlv au 10
demande échéancier complet par mail
nb d'échéances restantes
date du dernier prlv
report exceptionnel de quelques jours
"""),
  chat=L("""
on peut changer la date du prelevement ?
combien il me reste d'echeances
je voudrais l'echeancier
c quand le prochain prelevement
"""),
  subj=L("""
Date de prélèvement
Échéancier
Demande d'échéancier
Modification date de prélèvement
Tableau d'amortissement
"""),
  subj_en=L("""
Payment date
Payment schedule
"""),
  sec=L("""
Pourriez-vous aussi m'envoyer l'échéancier à jour ?
J'aimerais aussi décaler la date de prélèvement au 10 si possible.
"""),
  sec_en=L("""
Could you also send me my payment schedule?
"""),
)

T(key="attestation_releve", stage="facturation_prelevements", planted=None, n=320, frus=0.15, rc=0.13,
  catchall=0.3, cats={"Contrat": 5, "Facturation": 3}, wrong=["Fin de contrat", "Prélèvement", "Assistance"],
  prods={"LOA": 4, "LLD": 4, "Crédit auto": 4, "Crédit-bail pro": 1, "Assurance emprunteur": 1}, ev=0.2,
  core=L("""
Pourriez-vous m'envoyer une attestation de financement pour mon employeur ?
J'ai besoin d'une attestation de fin de crédit pour ma banque.
Mon assureur me demande une attestation précisant que FinAuto est propriétaire du véhicule.
Merci de me faire parvenir un relevé de compte depuis le début du contrat.
Je voudrais un décompte de ce qui reste à payer sur mon contrat.
Pour mon prêt immobilier, la banque exige une attestation de crédit en cours avec le capital restant dû.
J'ai besoin d'une attestation de location pour le stationnement résidentiel auprès de ma mairie.
La préfecture me demande un certificat de situation administrative, pouvez-vous le fournir ?
Mon comptable a besoin des factures de loyers de l'année pour la clôture.
Je souhaite obtenir une attestation de solde de tout compte suite à la fin de mon contrat.
Envoyez-moi s'il vous plaît une attestation d'assurance emprunteur pour mon dossier.
Il me faut un document prouvant que je suis à jour de mes paiements.
Pour ma déclaration d'impôts, pouvez-vous me fournir le montant des intérêts payés cette année ?
La CAF me demande une attestation de crédit auto.
Mon employeur veut une attestation indiquant que le véhicule est mis à ma disposition.
Je voudrais une copie de mon contrat, je ne retrouve plus mon exemplaire.
Pouvez-vous m'envoyer la facture du mois de {mois} ? Elle n'est pas dans mon espace client.
Pour louer un appartement, on me demande une attestation de mes charges de crédit.
J'ai besoin d'un relevé des loyers payés depuis {annee} pour un litige avec mon ex-conjoint.
Mon notaire me demande une attestation de remboursement intégral du crédit.
Pour mon dossier de surendettement, il me faut un état détaillé de ma dette envers vous.
Pourriez-vous me transmettre le certificat de cession du véhicule après le rachat ?
Il me faudrait une attestation en anglais pour mon nouvel employeur à l'étranger.
Je demande un duplicata de l'offre de prêt signée.
Je voudrais une attestation indiquant la valeur résiduelle du véhicule.
Mon expert-comptable a besoin du tableau des loyers restant à courir pour le bilan.
"""),
  core_en=L("""
Could you send me a financing certificate for my employer?
My bank needs a letter confirming my car loan balance.
I need a statement of all payments since the start of the contract.
I need proof that my payments are up to date.
Can you issue a letter confirming the loan has been fully repaid?
My insurer wants a document stating FinAuto owns the car.
I need a copy of my contract — I've lost mine.
Could I get the certificate in English for my new employer abroad?
My accountant needs this year's lease invoices.
Please send the {mois_en} invoice; it's not in my online account.
"""),
  detail=L("""
C'est assez urgent, le dossier doit être déposé avant le {date_future}.
Le document peut être envoyé à {email}.
Mon contrat : {contrat}.
"""),
  detail_en=L("""
It's fairly urgent — the deadline is {date_future_en}.
You can send it to {email}.
"""),
  ask=L("""
Merci de me l'envoyer par mail.
Pouvez-vous me l'adresser par courrier à mon domicile ?
"""),
  ask_en=L("""
Please email it to me.
"""),
  phone=L("""
demande attestation de financement
demande relevé de compte depuis le début du contrat
attestation solde de tout compte
demande copie du contrat
attestation pour l'assureur (propriétaire FinAuto)
"""),
  chat=L("""
je voudrais une attestation de financement
il me faut un releve de compte
vous pouvez m'envoyer une copie du contrat ?
besoin d'une attestation pour ma banque
"""),
  subj=L("""
Demande d'attestation
Attestation de financement
Relevé de compte
Demande de document
Copie de contrat
Attestation
"""),
  subj_en=L("""
Certificate request
Account statement
Document request
"""),
  sec=L("""
J'aurais également besoin d'une attestation de financement pour mon employeur.
Pourriez-vous en profiter pour m'envoyer un relevé de compte ?
Merci aussi de m'envoyer une attestation de solde une fois régularisé.
"""),
  sec_en=L("""
Could you also send me a financing certificate?
"""),
)

T(key="contravention_antai", stage="facturation_prelevements", planted=None, n=280, frus=0.55, rc=0.2,
  catchall=0.2, cats={"Facturation": 6, "Réclamation": 2}, wrong=["Prélèvement", "Contrat", "Sinistre"],
  prods={"LOA": 3, "LLD": 6, "Crédit-bail pro": 2}, ev=0.2, shape="summer",
  core=L("""
Vous me facturez {frais_gestion} de frais de gestion pour une contravention que j'ai déjà payée.
J'ai reçu un avis de contravention désignant mon nom alors que je n'étais pas le conducteur.
Pourquoi suis-je prélevé{e} de {frais_gestion} pour la désignation d'un conducteur ? Ce n'est pas dans mon contrat.
L'ANTAI me réclame une amende majorée pour un excès de vitesse dont je n'ai jamais reçu l'avis initial.
La contravention concerne une date où le véhicule n'était pas encore livré.
Je conteste les frais de traitement d'amende facturés sur ma dernière facture.
C'est mon salarié qui a commis l'infraction, pourquoi m'avez-vous désigné moi ?
J'ai perdu des points pour une infraction commise pendant que le véhicule était au garage.
On me facture des frais de gestion pour un PV de stationnement de {montant_pv}, les frais coûtent plus cher que l'amende !
Au moment de l'infraction, le véhicule avait été restitué depuis deux semaines.
Je ne comprends pas cette ligne « frais désignation conducteur » sur mon relevé.
Vous avez transmis mon ancienne adresse à l'ANTAI, je n'ai jamais reçu les avis.
Un flash a été enregistré à {ville} le {date_old} sur une plaque qui n'est pas la mienne, usurpation ?
L'avis mentionne une immatriculation ({plaque}) qui ressemble à la mienne, mais le modèle est différent.
J'ai payé l'amende immédiatement et vous me prélevez quand même des frais.
Combien allez-vous facturer à chaque contravention ? Je trouve cela abusif.
Je voudrais la copie de l'avis de contravention que vous avez reçu.
Vous désignez systématiquement le titulaire du contrat alors que c'est un véhicule de société partagé.
La désignation a été faite hors délai, et maintenant l'amende est majorée à {montant_pv}.
Des frais de gestion de {frais_gestion} sont apparus trois fois sur mon compte ce mois-ci.
Le forfait post-stationnement date d'un jour où la voiture était chez le carrossier.
J'ai reçu via FinAuto un avis de péage impayé pour une autoroute que je n'ai pas empruntée.
Pouvez-vous m'expliquer la procédure quand vous recevez une amende pour mon véhicule ?
Je souhaite contester l'infraction, mais il me faut le document original que vous détenez.
Un radar en Italie ? Je ne suis jamais allé{e} en Italie avec cette voiture.
"""),
  core_en=L("""
You've charged me a {frais_gestion} admin fee for a fine I already paid.
I received a speeding notice in my name but I wasn't driving.
Why am I being billed for 'driver nomination' — it's not in my contract.
The fine is for a date when the car hadn't even been delivered.
The admin fee is higher than the parking ticket itself.
You sent my old address to the fines agency, so I never got the original notice.
The car had been returned two weeks before the offence.
Can I have a copy of the original penalty notice so I can contest it?
I was charged the admin fee three times this month.
A camera in Italy? I've never taken this car to Italy.
"""),
  detail=L("""
L'infraction date du {date_old}.
Le véhicule concerné est immatriculé {plaque}.
Ce jour-là, c'est mon fils qui conduisait.
"""),
  detail_en=L("""
The offence is dated {date_old_en}.
The car's registration is {plaque}.
"""),
  ask=L("""
Merci d'annuler ces frais.
Je demande le remboursement des frais de gestion.
Merci de me transmettre une copie de l'avis.
"""),
  ask_en=L("""
Please cancel the fee.
Please send me a copy of the notice.
"""),
  phone=L("""
conteste frais de gestion amende {frais_gestion}
désigné conducteur à tort
amende majorée, avis initial jamais reçu
infraction après restitution du véhicule
demande copie de l'avis de contravention
"""),
  chat=L("""
pourquoi vous me facturez des frais pour une amende
j'ai recu une amende alors que la voiture etait au garage
c'est quoi ces frais de gestion ?
l'amende date d'apres la restitution
"""),
  subj=L("""
Contravention
Frais de gestion amende
Désignation conducteur
Contestation amende
Avis de contravention
"""),
  subj_en=L("""
Fine
Penalty notice admin fee
"""),
  sec=L("""
Autre point : je conteste les frais de gestion facturés pour une amende.
Je vois aussi {frais_gestion} de frais de désignation conducteur, c'est quoi ?
"""),
  sec_en=L("""
Also, what is this admin fee for a fine?
"""),
)

T(key="facture_loyer_incomprise", stage="facturation_prelevements", planted=None, n=240, frus=0.4, rc=0.2,
  catchall=0.17, cats={"Facturation": 8, "Réclamation": 1}, wrong=["Prélèvement", "Contrat", "Entretien"],
  prods={"LOA": 4, "LLD": 4, "Crédit auto": 2, "Crédit-bail pro": 2, "Entretien+": 1}, ev=0.2,
  core=L("""
Mon loyer est passé de {loyer} à {loyer2} sans que j'aie été prévenu{e}.
Sur ma facture apparaît une ligne « prestations complémentaires » que je n'ai jamais souscrite.
Je ne comprends pas le détail de la facture de ce mois-ci.
Pourquoi le montant de TVA a-t-il changé sur mes factures de crédit-bail ?
Ma facture mentionne une assurance perte financière que je n'ai pas demandée.
La facture annuelle de l'Entretien+ est arrivée alors que je la croyais incluse dans le loyer.
Vous me facturez un loyer pour {mois} alors que la voiture était à la casse depuis le sinistre.
Pouvez-vous m'expliquer à quoi correspond la « régularisation » de {montant_regul} ?
Le montant facturé ne correspond pas à celui de mon contrat.
J'ai reçu une facture pour des frais de dossier qui devaient être offerts.
Pourquoi dois-je payer des frais de mise à la route ?
La facture indique un véhicule qui n'est pas le mien.
Il y a un écart de quelques euros chaque mois entre la facture et ce qui est débité.
Les factures sont adressées à mon ancienne société, merci de les corriger.
Qu'est-ce que l'« indexation annuelle » mentionnée sur ma facture ?
J'ai reçu une facture de {montant_regul} pour des « frais de retard » alors que je n'ai jamais été en retard.
Ma facture ne porte pas le bon numéro de TVA intracommunautaire.
Je paie l'assurance deux fois : dans le loyer et sur une ligne à part.
Mon loyer devait baisser après la modification de kilométrage, il n'a pas bougé.
Le premier loyer majoré apparaît sur les factures de deux mois différents.
Je conteste la facture n° {ref_facture}, le montant est faux.
Pourquoi les factures papier sont-elles désormais payantes ?
Je n'arrive pas à lire le détail : « LOY », « PRST », « ASS »... que signifient ces abréviations ?
Vous avez augmenté le tarif de l'Entretien+ en cours de contrat, est-ce légal ?
Je veux un avoir pour la facture erronée de {mois}.
"""),
  core_en=L("""
My monthly rental went up from {loyer} to {loyer2} with no notice.
There's a line on my invoice for a service I never signed up for.
I don't understand this month's invoice.
What is the 'adjustment' of {montant_regul} on my bill?
I was invoiced late payment fees but I've never paid late.
The invoice is addressed to my old company.
It looks like I'm paying insurance twice — inside the rental and as a separate line.
My rental should have dropped after the mileage change.
Please explain the abbreviations on the invoice.
I need a credit note for the wrong {mois_en} invoice.
"""),
  detail=L("""
Référence facture : {ref_facture}.
Jusqu'ici je payais {loyer}.
Je n'ai reçu aucun courrier annonçant un changement.
"""),
  detail_en=L("""
Invoice reference: {ref_facture}.
Until now I was paying {loyer}.
"""),
  ask=L("""
Merci de m'envoyer une facture corrigée.
J'attends une explication détaillée.
Merci de me rembourser la différence.
"""),
  ask_en=L("""
Please send a corrected invoice.
I'd like a detailed explanation.
"""),
  phone=L("""
ne comprend pas la hausse du loyer {loyer} -> {loyer2}
ligne inconnue sur la facture
frais de retard facturés à tort
demande un avoir sur facture erronée
factures au nom de l'ancienne société
"""),
  chat=L("""
c quoi cette ligne sur ma facture
mon loyer a augmenté pourquoi
la facture est pas bonne
des frais de retard ? j'ai jamais été en retard
"""),
  subj=L("""
Facture incompréhensible
Question facture
Erreur sur facture
Augmentation du loyer
Facture {mois}
"""),
  subj_en=L("""
Invoice query
Wrong invoice
"""),
  sec=L("""
Je ne comprends pas non plus une ligne de ma dernière facture.
Et pourquoi mon loyer a-t-il augmenté ce mois-ci ?
"""),
  sec_en=L("""
Also, why has my monthly rental gone up?
"""),
)

T(key="difficultes_paiement", stage="facturation_prelevements", planted=None, n=200, frus=0.35, rc=0.25,
  catchall=0.18, cats={"Prélèvement": 5, "Facturation": 3}, wrong=["Résiliation", "Contrat", "Réclamation"],
  prods={"LOA": 4, "LLD": 3, "Crédit auto": 5, "Crédit-bail pro": 1, "Assurance emprunteur": 1}, ev=0.15,
  core=L("""
Je traverse une période difficile et ne pourrai pas honorer l'échéance de {mois}.
Mon prélèvement a été rejeté faute de provision, je voudrais régulariser par virement.
Est-il possible de reporter une ou deux mensualités ? Je suis en arrêt maladie depuis {delai}.
Suite à une baisse de revenus, je souhaiterais réduire mes mensualités en allongeant la durée.
J'ai reçu une lettre de relance pour impayé, je veux trouver une solution amiable.
Je peux payer {loyer} en deux fois ce mois-ci, est-ce acceptable ?
Votre service de recouvrement m'appelle plusieurs fois par jour, c'est du harcèlement.
Le loyer de {mois} a été rejeté par ma banque, merci de ne pas le représenter avant le 15.
Je viens de déposer un dossier de surendettement, que va-t-il se passer pour mon contrat ?
Un prélèvement a été rejeté et on me facture {frais_rejet} de frais, alors que j'avais prévenu.
Au chômage partiel, j'aurais besoin d'un échéancier adapté.
J'ai un retard de deux loyers et je souhaite régulariser sans que le contrat soit résilié.
Une société de recouvrement m'a contacté{e}, agit-elle bien pour FinAuto ?
Mon assurance peut-elle prendre en charge les mensualités pendant mon arrêt ?
Je risque de ne pas pouvoir payer le loyer de ce mois, je préfère vous prévenir.
On menace de reprendre le véhicule alors que j'ai proposé un plan de remboursement.
Je voudrais payer l'arriéré par carte bancaire, quel numéro dois-je appeler ?
Mon employeur a du retard sur mon salaire, le prélèvement du {jour_prel} va être rejeté.
Depuis le décès de mon conjoint, je ne peux plus assumer seul{e} les mensualités.
J'ai régularisé l'impayé par virement le {date_recente} mais les relances continuent.
Pourquoi une inscription au FICP pour un seul incident de paiement ?
Je souhaite une pause dans les loyers pendant mon congé parental.
Mes frais de rejet s'accumulent, pouvez-vous faire un geste ?
Pouvez-vous représenter le prélèvement rejeté plutôt en fin de mois ?
Ma banque bloque mes prélèvements suite à un litige, comment vous payer en attendant ?
"""),
  core_en=L("""
I'm going through a rough patch and won't be able to make the {mois_en} payment.
My direct debit bounced for lack of funds; I'd like to pay by bank transfer instead.
Can I defer one or two payments? I've been on sick leave.
Could we extend the term to lower the monthly payments?
Your collections team calls me several times a day.
I've cleared the arrears by transfer but I keep getting reminders.
Is this debt collection agency really acting for FinAuto?
Could you re-present the bounced payment at the end of the month instead?
I'm on parental leave — is a payment holiday possible?
I want to pay the arrears by card, who do I call?
"""),
  detail=L("""
J'ai toujours payé à l'heure depuis le début du contrat en {annee}.
Ma situation devrait s'améliorer d'ici {mois_next}.
Mon contrat : {contrat}.
"""),
  detail_en=L("""
I've always paid on time since {annee}.
"""),
  ask=L("""
Merci de me proposer une solution.
Pouvez-vous me rappeler pour en discuter ?
"""),
  ask_en=L("""
Please suggest a solution.
Could someone call me to discuss?
"""),
  phone=L("""
difficultés financières, demande report d'échéance
prlv rejeté faute de provision, régularise par virement
demande plan d'apurement
se plaint des appels répétés du recouvrement
arrêt maladie, demande prise en charge par l'assurance
"""),
  chat=L("""
je pourrai pas payer ce mois ci
mon prelevement a ete rejete, je fais comment
on peut reporter une mensualité ?
vous m'appelez tout le temps pour l'impayé
"""),
  subj=L("""
Difficultés de paiement
Report d'échéance
Impayé
Régularisation
Demande d'aide
Plan de remboursement
"""),
  subj_en=L("""
Payment difficulties
Missed payment
"""),
  sec=L("""
Je risque aussi d'avoir du mal à payer le mois prochain, pouvez-vous m'accorder un report ?
"""),
  sec_en=L("""
I may also struggle to pay next month.
"""),
)

T(key="changement_adresse", stage="facturation_prelevements", planted=None, n=190, frus=0.1, rc=0.12,
  catchall=0.35, cats={"Contrat": 5, "Facturation": 1}, wrong=["Livraison", "Assistance", "Prélèvement"],
  prods={"LOA": 4, "LLD": 4, "Crédit auto": 4, "Crédit-bail pro": 1}, ev=0.2,
  core=L("""
J'ai déménagé, merci de noter ma nouvelle adresse : {adresse}.
Pouvez-vous mettre à jour mon adresse postale ? Je n'habite plus à {ville}.
Mon courrier continue d'arriver à mon ancienne adresse malgré ma demande de changement.
Je vous informe de mon changement d'adresse à compter du {date_future}.
Ma nouvelle adresse est la suivante :\n{adresse2l}
Comment modifier mon adresse dans l'espace client ? Le champ est grisé.
Je pars vivre à l'étranger, est-ce compatible avec mon contrat de LLD ?
Le siège social de la société a changé, merci de mettre à jour le contrat de crédit-bail.
Merci de modifier aussi mon numéro de téléphone, le nouveau est le {tel}.
Le changement d'adresse fait en ligne n'apparaît pas sur mes factures.
Je souhaite recevoir mes courriers à l'adresse de ma résidence secondaire.
Suite à mon divorce, je ne vis plus avec mon ex-conjoint, merci de séparer les courriers.
Dois-je vous envoyer un justificatif de domicile pour le changement d'adresse ?
Mon adresse e-mail a changé, voici la nouvelle : {email}
Ma fille a reçu chez elle un courrier me concernant, je n'ai jamais donné cette adresse.
Je déménage le mois prochain, faut-il aussi changer la carte grise ?
Merci d'envoyer dorénavant tous les courriers au {adresse}.
Demande de changement d'adresse faite il y a deux mois, rien n'a été modifié.
Votre courrier de relance a été envoyé à une adresse que j'ai quittée il y a deux ans.
Je viens de m'installer en Belgique, pouvez-vous prendre en compte ma nouvelle adresse ?
Le code postal de mon adresse est faux dans vos fichiers.
Je change d'adresse et de banque en même temps, par quoi dois-je commencer ?
Les courriers sont encore adressés à mon nom de jeune fille.
Mon nom a changé suite à mon mariage, il faut mettre à jour le dossier.
Est-ce que le changement d'adresse modifie quelque chose à mon assurance ?
"""),
  core_en=L("""
I've moved — my new address is {adresse}.
Please update my postal address; I'm no longer in {ville}.
My letters still go to the old address even though I told you I moved.
I'm moving abroad, does that affect my lease?
Here's my new email address: {email}
The address field in my online account is greyed out.
Please also update my phone number to {tel}.
My name changed after marriage, could you update my file?
Do I need to send proof of address?
Your reminder was sent to an address I left two years ago.
"""),
  detail=L("""
Je suis joignable au {tel}.
Le déménagement a eu lieu le {date_recente}.
"""),
  detail_en=L("""
You can reach me on {tel}.
"""),
  ask=L("""
Merci de me confirmer la mise à jour.
Merci de faire le nécessaire.
"""),
  ask_en=L("""
Please confirm the change.
"""),
  phone=L("""
changement d'adresse, nouvelle adresse notée
courrier encore envoyé à l'ancienne adresse
MAJ tél et mail
départ à l'étranger, questions sur le contrat
"""),
  chat=L("""
jai demenagé comment je change mon adresse
je recois encore vos courriers a l'ancienne adresse
je voudrais changer mon numero de tel
"""),
  subj=L("""
Changement d'adresse
Nouvelle adresse
Mise à jour coordonnées
Déménagement
"""),
  subj_en=L("""
Change of address
New address
"""),
  sec=L("""
Au passage, j'ai déménagé : ma nouvelle adresse est {adresse}.
Merci aussi de noter mon nouveau numéro : {tel}.
"""),
  sec_en=L("""
Also, I've moved — new address: {adresse}.
"""),
)

T(key="rdv_entretien_garage", stage="entretien_reparation", planted=None, n=300, frus=0.35, rc=0.2, catchall=0.15,
  cats={"Entretien": 8, "Assistance": 1}, wrong=["Livraison", "Facturation", "Sinistre"],
  prods={"LLD": 6, "LOA": 2, "Entretien+": 4, "Crédit-bail pro": 1}, ev=0.25,
  core=L("""
Le garage partenaire refuse de prendre ma carte Entretien+, il dit ne pas avoir d'accord avec FinAuto.
Je n'arrive pas à obtenir un rendez-vous pour la révision avant {delai}.
La révision des {km} est-elle incluse dans mon forfait Entretien+ ?
Le garage me demande d'avancer les frais de révision, ce n'était pas prévu.
Quel garage dois-je contacter pour l'entretien de ma {vehicule} ? Il n'y a aucun partenaire près de chez moi.
Le voyant de révision s'est allumé, comment prendre rendez-vous ?
{garage_cap} a annulé mon rendez-vous la veille sans explication.
La vidange m'a été facturée {montant_facture} alors qu'elle fait partie du contrat d'entretien.
Pouvez-vous me communiquer la liste des garages agréés dans le secteur de {ville} ?
Le garage a réalisé la révision mais n'a pas tamponné le carnet d'entretien.
L'entretien est-il couvert si je le fais faire chez un garage indépendant ?
On m'impose un garage à 60 km de chez moi pour l'entretien.
Le garage me réclame le remplacement des plaquettes de frein, c'est pourtant de l'usure normale.
Trois appels à votre plateforme d'entretien, et personne ne me rappelle pour fixer le rendez-vous.
Mon véhicule a passé sa révision, pourquoi l'application indique-t-elle encore « révision en retard » ?
Le garagiste dit que votre accord de prise en charge n'est jamais arrivé.
Le forfait Entretien+ couvre-t-il le remplacement de la batterie 12V ?
Il faut une révision tous les {km_rev} ou tous les ans ? Je ne sais plus.
Le véhicule de courtoisie promis pendant la révision n'était pas disponible.
Le garage refuse de faire la révision sans un bon de commande FinAuto.
Ma révision coûte plus cher que prévu à cause d'un « forfait atelier » non couvert.
Le rendez-vous d'entretien tombe un jour où je travaille, impossible de le décaler en ligne.
L'entretien de ma {ev} se fait-il chez le concessionnaire ou chez un spécialiste de l'électrique ?
Je dois faire la distribution, est-elle comprise dans mon contrat de LLD ?
Pourquoi le garage a-t-il dû attendre deux jours votre accord avant de démarrer l'entretien ?
"""),
  core_en=L("""
The partner garage won't accept my maintenance card.
I can't get a service appointment for another {delai_en}.
Is the {km} service covered by my maintenance package?
The garage wants me to pay upfront for the service — that wasn't the deal.
There's no approved garage anywhere near me.
The oil change was billed at {montant_facture} though it's part of the package.
The garage says they never got your authorisation.
Can I get my car serviced at an independent garage?
The courtesy car promised during the service wasn't available.
Does the package cover brake pads?
"""),
  detail=L("""
Le véhicule affiche {km} au compteur.
Le garage se trouve à {ville}.
Immatriculation : {plaque}.
"""),
  detail_en=L("""
The car has {km} on the clock.
"""),
  ask=L("""
Merci de m'indiquer un garage qui accepte la prise en charge.
Pouvez-vous envoyer l'accord au garage ?
"""),
  ask_en=L("""
Please send the authorisation to the garage.
"""),
  phone=L("""
garage partenaire refuse la carte Entretien+
pas de rdv révision avant {delai}
garage demande une avance de frais
accord de prise en charge non reçu par le garage
demande liste des garages agréés secteur {ville}
"""),
  chat=L("""
le garage veut pas de ma carte entretien
je trouve pas de garage partenaire
la revision est comprise ou pas ?
le garage dit qu'il a pas recu votre accord
"""),
  subj=L("""
Rendez-vous entretien
Révision
Garage partenaire
Entretien+
Prise en charge révision
"""),
  subj_en=L("""
Service appointment
Maintenance
"""),
  sec=L("""
J'en profite : le garage partenaire refuse aussi ma carte d'entretien.
Et il faudrait que je prenne rdv pour la révision, comment faire ?
"""),
  sec_en=L("""
Also, how do I book the next service?
"""),
)

T(key="pneus", stage="entretien_reparation", planted=None, n=180, frus=0.3, rc=0.17, catchall=0.17,
  cats={"Entretien": 8}, wrong=["Sinistre", "Assistance", "Livraison"],
  prods={"LLD": 6, "LOA": 2, "Entretien+": 4, "Crédit-bail pro": 1}, ev=0.25, shape="tyres",
  core=L("""
Mes pneus avant sont usés, le remplacement est-il pris en charge par mon contrat ?
J'ai pris l'option pneus hiver, quand et où puis-je les faire monter ?
Le garage veut me facturer le montage des pneus neige alors que c'est inclus.
J'ai crevé et le pneu n'est pas réparable, qui paie le remplacement ?
Combien de pneus sont inclus dans mon forfait sur la durée du contrat ?
Le centre de montage partenaire n'a pas mes dimensions de pneus en stock depuis trois semaines.
On m'a monté des pneus premium d'une autre marque, et on me demande de payer la différence.
Il faut changer les quatre pneus à {km}, c'est anormal pour une voiture neuve.
Où sont stockés mes pneus été ? Le garage dit ne pas les avoir.
L'usure irrégulière des pneus vient d'un problème de parallélisme, qui prend en charge ?
Je dois circuler en zone montagne à partir de novembre, comment obtenir les pneus hiver ?
Le garage refuse de changer un seul pneu et veut faire l'essieu complet à mes frais.
J'ai utilisé mon forfait pneus pour un pneu éclaté, me reste-t-il des pneus ?
Le contrôle de pression signale un problème depuis le changement de pneus.
Mon contrat prévoit 4 pneus, on m'en refuse deux de plus alors que j'ai dépassé les {km}.
Quelle est la procédure pour remplacer un pneu en urgence un week-end ?
Le garage a abîmé une jante lors du montage des pneus.
Le gardiennage des pneus m'est facturé {montant_facture}, est-ce normal ?
Je souhaite passer aux pneus quatre saisons, est-ce accepté ?
Le témoin d'usure est atteint, mais le réseau partenaire ne répond pas.
À la restitution, pourra-t-on me reprocher des pneus usés ?
La plateforme pneus m'a donné rendez-vous dans un centre qui a fermé.
Les pneus de ma {ev} s'usent très vite, est-ce couvert ?
Faute de rendez-vous, j'ai fait changer mes pneus moi-même : pouvez-vous me rembourser ?
Le bon de prise en charge pneus a expiré avant le montage.
"""),
  core_en=L("""
My front tyres are worn — is replacement covered?
I have the winter tyre option; where do I get them fitted?
The garage wants to charge for fitting winter tyres, which should be included.
I had a puncture and the tyre can't be repaired; who pays?
How many tyres are included over the contract?
The fitting centre hasn't had my size in stock for three weeks.
My summer tyres were supposedly stored but the garage can't find them.
The garage damaged a rim while fitting tyres.
Can I switch to all-season tyres?
I replaced the tyres myself because I couldn't get an appointment. Can I be reimbursed?
"""),
  detail=L("""
Le véhicule est une {vehicule} avec {km}.
Dimension : 205/55 R16.
Le garage est à {ville}.
"""),
  detail_en=L("""
Tyre size is 205/55 R16.
"""),
  ask=L("""
Merci de m'envoyer un bon de prise en charge.
Pouvez-vous me trouver un centre de montage ?
"""),
  ask_en=L("""
Please send me an authorisation voucher.
"""),
  phone=L("""
remplacement pneus usés, prise en charge ?
montage pneus hiver facturé à tort
crevaison, pneu non réparable
plus de stock de sa dimension chez le partenaire
pneus été introuvables au gardiennage
"""),
  chat=L("""
mes pneus sont usés c'est pris en charge ?
je veux monter mes pneus hiver
j'ai crevé, je fais quoi
le garage a pas mes pneus
"""),
  subj=L("""
Pneus
Remplacement pneumatiques
Pneus hiver
Crevaison
Prise en charge pneus
"""),
  subj_en=L("""
Tyres
Winter tyres
"""),
  sec=L("""
Il faudrait aussi changer mes pneus avant, sont-ils pris en charge ?
"""),
  sec_en=L("""
Also, my tyres need replacing — is that covered?
"""),
)

T(key="controle_technique", stage="entretien_reparation", planted=None, n=150, frus=0.25, rc=0.15, catchall=0.2,
  cats={"Entretien": 8}, wrong=["Contrat", "Livraison", "Fin de contrat"],
  prods={"LLD": 6, "LOA": 3, "Entretien+": 3, "Crédit-bail pro": 2}, ev=0.2,
  core=L("""
Mon véhicule doit passer le contrôle technique, qui s'en occupe dans le cadre de la LLD ?
J'ai reçu un rappel pour le contrôle technique, est-il compris dans le forfait ?
Le contrôle technique a relevé une défaillance majeure sur les freins, qui paie la réparation ?
Je dois faire la contre-visite avant le {date_future} et le garage partenaire n'a pas de créneau.
Le centre de contrôle me réclame le certificat d'immatriculation original que je n'ai pas.
J'ai payé le contrôle technique {montant_ct}, pouvez-vous me le rembourser comme prévu au contrat ?
Ma voiture a 4 ans, faut-il faire le contrôle technique avant de la restituer ?
Le CT a été fait en retard, vais-je avoir une pénalité ?
Le procès-verbal de contrôle fait apparaître des défauts que le garage n'a jamais signalés.
Quelle est la date limite pour le contrôle technique de mon véhicule ?
Le garage veut faire le CT et l'entretien en même temps, mais la facture du CT n'est pas couverte.
J'ai été verbalisé{e} pour défaut de contrôle technique, je pensais que vous vous en occupiez.
L'Entretien+ inclut-il la contre-visite ?
On me demande d'envoyer le PV de contrôle technique, à quelle adresse ?
Mon utilitaire de société doit passer le contrôle pollution, est-ce couvert ?
Le contrôle technique est-il obligatoire pour un véhicule électrique de 4 ans ?
Le rappel de contrôle technique reçu concerne un véhicule que j'ai déjà rendu.
Le centre agréé que vous m'indiquez ne fait plus les véhicules de plus de 3,5 t.
La contre-visite a été facturée alors que la réparation a été faite dans votre réseau.
Je voudrais passer le CT dans un centre proche de mon travail, est-ce possible ?
Le CT a relevé l'usure des disques, et le garage dit que ce n'est pas couvert.
On m'applique une pénalité pour CT non réalisé, alors que je l'ai fait le {date_old}.
Qui doit conserver le procès-verbal du contrôle technique ?
Le CT a détecté un problème d'éclairage, puis-je faire la réparation moi-même ?
Pouvez-vous m'envoyer une copie de la carte grise pour le contrôle technique ?
"""),
  core_en=L("""
My car is due its roadworthiness test (contrôle technique) — who handles it under the lease?
Is the technical inspection included in my package?
The test found a major brake defect; who pays?
I need a re-test before {date_future_en} and the partner garage has no slots.
The test centre wants the original registration certificate, which I don't have.
I paid {montant_ct} for the test — can you refund it as per my contract?
I got fined for not having a valid test; I thought you handled that.
Do I need to do the test before returning the car?
The reminder is for a car I already returned.
Can I use a test centre near my office?
"""),
  detail=L("""
Le véhicule est immatriculé {plaque}.
Mise en circulation : {mois} 2022.
Kilométrage : {km}.
"""),
  detail_en=L("""
The car's registration is {plaque}.
"""),
  ask=L("""
Merci de m'indiquer la marche à suivre.
Pouvez-vous me rembourser sur présentation de la facture ?
"""),
  ask_en=L("""
What should I do?
"""),
  phone=L("""
CT à faire, qui s'en charge en LLD ?
défaillance majeure au CT, prise en charge ?
contre-visite avant le {date_future}, pas de créneau
remboursement CT payé {montant_ct}
"""),
  chat=L("""
faut faire le controle technique c'est compris ?
le ct a trouvé un probleme de frein
j'ai payé le ct vous remboursez ?
"""),
  subj=L("""
Contrôle technique
CT
Contre-visite
Rappel contrôle technique
"""),
  subj_en=L("""
Roadworthiness test
Technical inspection
"""),
  sec=L("""
Je dois aussi passer le contrôle technique, est-il compris ?
"""),
  sec_en=L("""
The technical inspection is also due soon — is it included?
"""),
)

T(key="prise_en_charge_reparation", stage="entretien_reparation", planted=None, n=240, frus=0.55, rc=0.24,
  catchall=0.15, cats={"Entretien": 6, "Réclamation": 2}, wrong=["Sinistre", "Assistance", "Facturation"],
  prods={"LLD": 5, "LOA": 3, "Entretien+": 4, "Crédit-bail pro": 1}, ev=0.25,
  core=L("""
Votre service refuse de prendre en charge le remplacement de l'embrayage au motif d'une « mauvaise utilisation ».
Le garage a fait la réparation et vous refusez de payer la facture de {montant_facture}.
La panne de climatisation n'est pas couverte par l'Entretien+ ? C'est pourtant une pièce d'usure normale.
On me facture une réparation de boîte de vitesses sur un véhicule de deux ans, encore sous garantie !
Votre expert a refusé la prise en charge sans même voir le véhicule.
Le devis de réparation s'élève à {montant_facture}, qui paie ?
Le constructeur dit que c'est à FinAuto de prendre en charge, vous dites que c'est au constructeur.
La réparation de l'écran multimédia traîne depuis {delai} faute d'accord de votre part.
Je conteste le refus de prise en charge de la courroie de distribution.
Le garage a changé la batterie et vous me refacturez la pièce.
Vous m'avez prélevé {montant_facture} pour une réparation que je croyais couverte.
Pourquoi la garantie ne couvre-t-elle pas le turbo à {km} ?
La prise en charge a été acceptée par téléphone puis refusée par écrit.
J'ai dû payer de ma poche le remplacement des disques, je demande le remboursement.
L'accord de prise en charge a mis plus d'une semaine à arriver, et le garage m'a facturé le gardiennage.
Le garage a trouvé un défaut sur les injecteurs, vous prétendez que c'est dû au carburant.
Votre franchise de {franchise} sur les réparations n'apparaît nulle part dans mon contrat.
Ma {vehicule} est au garage pour un bruit moteur et personne ne veut payer le diagnostic.
Je demande le détail des exclusions de mon contrat d'entretien.
La pompe à chaleur de ma {ev} est en panne et la réparation ne serait pas couverte, vraiment ?
Vous refusez la prise en charge parce que la révision a été faite avec dix jours de retard, c'est abusif.
Le garage agréé a fait une erreur et c'est moi qui dois payer ?
On me demande de payer la main-d'œuvre alors que la pièce est prise en charge.
Le remplacement du pare-chocs suite à un choc léger est-il couvert par le contrat ?
Je veux une contre-expertise sur ce refus de prise en charge.
"""),
  core_en=L("""
You refused to cover the clutch replacement, calling it 'misuse'.
The garage did the repair and you won't pay the {montant_facture} invoice.
Why isn't the air conditioning covered under the maintenance package?
The manufacturer says it's on you, you say it's on the manufacturer.
The repair has been waiting {delai_en} for your approval.
I paid for new brake discs myself and want to be reimbursed.
Approval was given over the phone and then refused in writing.
Nobody will pay for the diagnosis on my car.
I want an independent assessment of this refusal.
The heat pump on my {ev} failed and you say it's not covered?
"""),
  detail=L("""
Le véhicule a {km}.
Le garage, c'est {garage}.
J'ai la facture à disposition.
Numéro de série du véhicule : {vin}.
"""),
  detail_en=L("""
The car has {km} on it.
I have the invoice.
"""),
  ask=L("""
Merci de revoir votre position.
Je demande le remboursement de la facture.
Merci de donner votre accord au garage rapidement.
"""),
  ask_en=L("""
Please reconsider.
I'd like the invoice reimbursed.
"""),
  phone=L("""
refus prise en charge embrayage, conteste
garage attend accord depuis {delai}
réparation {montant_facture} refacturée
conteste exclusion de garantie
demande contre-expertise
"""),
  chat=L("""
vous refusez de payer la reparation pourquoi
le garage attend votre accord depuis 1 semaine
c'est pas couvert ?? serieux
"""),
  subj=L("""
Refus de prise en charge
Réparation
Contestation refus garantie
Facture garage
Prise en charge
"""),
  subj_en=L("""
Repair not covered
Repair authorisation
"""),
  sec=L("""
Par ailleurs, une réparation m'a été refusée alors qu'elle devrait être couverte.
"""),
  sec_en=L("""
Also, a repair I believe is covered was refused.
"""),
)

T(key="immobilisation_garage", stage="panne_assistance", planted=None, n=200, frus=0.6, rc=0.26, catchall=0.16,
  cats={"Assistance": 5, "Entretien": 3, "Réclamation": 1}, wrong=["Sinistre", "Facturation", "Livraison"],
  prods={"LLD": 5, "LOA": 4, "Crédit auto": 1, "Entretien+": 2, "Crédit-bail pro": 1}, ev=0.25,
  core=L("""
Ma {vehicule} est immobilisée au garage depuis {delai} en attente d'une pièce, et je continue à payer les loyers.
Le garage attend une pièce depuis un mois, personne ne peut me donner de date.
Mon véhicule est en panne au garage et je n'ai pas de véhicule de prêt, comment je vais travailler ?
Je paie un loyer pour une voiture que je n'ai plus depuis six semaines.
Le voyant moteur s'est allumé, le garage a gardé la voiture et ne donne plus de nouvelles.
Pouvez-vous suspendre les prélèvements le temps de l'immobilisation ?
Le véhicule de courtoisie du garage m'a été retiré au bout de 5 jours alors que ma voiture n'est pas réparée.
C'est la troisième fois que la voiture retourne au garage pour le même problème.
D'après le garage, la pièce est en rupture chez le constructeur jusqu'en {mois_next}.
FinAuto peut-il me fournir une voiture de location pendant la réparation ?
Ma {ev} affiche un défaut de batterie de traction et elle est immobilisée depuis {delai}.
J'ai dû louer une voiture à mes frais ({montant_loc}) pendant que la mienne est bloquée au garage.
Le concessionnaire refuse de me prêter un véhicule parce que je n'ai pas acheté chez lui.
L'immobilisation dure depuis plus de 30 jours, j'aimerais une résiliation sans frais.
La voiture est revenue du garage avec le même défaut.
Mon assureur dit que ce n'est pas à lui de me fournir un véhicule pendant l'immobilisation.
Je demande une indemnisation pour l'immobilisation prolongée de mon véhicule.
Pour un véhicule de moins d'un an, ce n'est pas normal de passer autant de temps au garage.
Le garage dit que le dossier est bloqué chez vous, en attente de validation du devis.
Au bout de {delai} d'immobilisation, je voudrais qu'on m'échange le véhicule.
Mon utilitaire est immobilisé, je perds des chantiers tous les jours.
Ni vous ni le garage ne me rappelez, j'ignore tout de l'état de ma voiture.
Le garage a commandé la mauvaise pièce et tout recommence : encore deux semaines.
Je n'ai plus de voiture pour emmener les enfants depuis que la {vehicule} est au garage.
Le loyer de {mois} doit-il vraiment être payé alors que le véhicule n'a pas roulé du mois ?
"""),
  core_en=L("""
My {vehicule} has been stuck at the garage for {delai_en} waiting for a part, and I'm still paying.
Nobody can tell me when the part will arrive.
I have no loan car and I need one to get to work.
Can you suspend payments while the car is off the road?
I've hired a car at my own expense ({montant_loc}).
The dealer took back the courtesy car after five days.
It's the third time it's gone back for the same fault.
After a month off the road I'd like to terminate without fees.
The garage says your approval of the quote is holding things up.
I'd like compensation for the time the car has been off the road.
"""),
  detail=L("""
Le garage, c'est {garage}.
Le véhicule est immobilisé depuis le {date_old}.
Immatriculation {plaque}.
"""),
  detail_en=L("""
The car has been at {garage} since {date_old_en}.
"""),
  ask=L("""
Je demande la suspension des loyers.
Merci de me trouver une solution de mobilité.
Merci d'appeler le garage pour débloquer la situation.
"""),
  ask_en=L("""
Please suspend the payments.
I need a mobility solution.
"""),
  phone=L("""
véhicule immobilisé au garage depuis {delai}, attente pièce
demande suspension des loyers pendant l'immobilisation
pas de véhicule de prêt, client{e} sans solution
même panne pour la 3e fois
demande indemnisation pour immobilisation
"""),
  chat=L("""
ma voiture est au garage depuis 3 semaines
je paie pour une voiture que j'ai pas
le garage attend une piece
vous pouvez me preter une voiture ?
"""),
  subj=L("""
Véhicule immobilisé
Immobilisation au garage
Voiture au garage depuis {delai}
Suspension des loyers
Attente pièce
"""),
  subj_en=L("""
Car off the road
Waiting for parts
"""),
  sec=L("""
Pour info, la voiture est aussi immobilisée au garage depuis quinze jours.
"""),
  sec_en=L("""
Also, the car has been at the garage for two weeks.
"""),
)

T(key="sinistre_declaration", stage="sinistre", planted=None, n=300, frus=0.35, rc=0.22, catchall=0.15,
  cats={"Sinistre": 9}, wrong=["Assistance", "Entretien", "Résiliation"],
  prods={"LOA": 4, "LLD": 5, "Crédit auto": 3, "Crédit-bail pro": 1}, ev=0.2,
  core=L("""
J'ai eu un accident le {date_recente} et je voudrais savoir comment déclarer le sinistre auprès de FinAuto.
L'expert a déclaré le véhicule économiquement irréparable, que se passe-t-il pour mon contrat ?
Mon assureur a versé l'indemnité à FinAuto mais vous me réclamez encore la différence.
L'expert a sous-évalué le véhicule, il reste {montant_solde} à ma charge, c'est énorme.
Je vous ai transmis le constat amiable il y a trois semaines et le dossier n'a pas avancé.
La voiture a été volée, quels documents dois-je vous envoyer ?
Le garage attend le passage de l'expert depuis {delai}.
Après un accrochage sur un parking, la réparation sera-t-elle couverte par la garantie perte financière ?
Un tiers a percuté mon véhicule à l'arrêt, son véhicule était immatriculé {plaque_fni}.
Qui doit payer la franchise ? Mon assureur dit que c'est vous, puisque vous êtes propriétaire.
Le rapport d'expertise ne m'a jamais été communiqué.
J'ai déclaré le sinistre à mon assurance, faut-il aussi vous prévenir ?
La voiture est à la fourrière depuis l'accident et les frais s'accumulent.
Mon véhicule a été vandalisé cette nuit : rétroviseurs cassés et carrosserie rayée.
L'assureur me demande une lettre de FinAuto autorisant les réparations.
Après le vol, dois-je continuer à payer les loyers ?
Le véhicule a subi des dégâts lors de la grêle du {date_old}.
Le garage refuse de commencer les réparations sans l'accord de FinAuto en tant que propriétaire.
L'indemnité versée par l'assureur n'a pas été déduite de mon solde.
L'expert a oublié des dommages sur le côté droit du véhicule.
Victime d'un délit de fuite, je n'ai pu relever que le début de la plaque.
Mon contrat se termine dans deux mois et la voiture est une épave : comment ça se passe ?
Le véhicule a été inondé dans le parking souterrain.
Aucune nouvelle depuis la déclaration du sinistre (dossier {ref_sinistre}).
Suite à l'accident, je voudrais un véhicule de remplacement de même catégorie.
"""),
  core_en=L("""
I had an accident on {date_recente_en}; how do I report it to FinAuto?
The assessor says the car is a write-off — what happens to my lease?
My insurer paid you, yet you're still asking me for the difference.
The assessor undervalued the car and I'm left owing {montant_solde}.
I sent the accident report three weeks ago and nothing has happened.
My car was stolen; what documents do you need?
The garage has been waiting {delai_en} for the assessor.
My insurer needs a letter from you authorising the repairs.
The car was damaged by hail on {date_old_en}.
Do I have to keep paying after the theft?
"""),
  detail=L("""
Le sinistre a eu lieu à {ville}.
Le constat a été signé par les deux parties.
Véhicule : {vehicule}, immatriculé {plaque}.
Le conducteur adverse s'appelle {tiers_nom}.
"""),
  detail_en=L("""
It happened in {ville}.
The other driver's name is {tiers_nom}.
"""),
  ask=L("""
Merci de me dire quelles pièces envoyer.
Pouvez-vous relancer l'expert ?
Merci de m'envoyer le rapport d'expertise.
"""),
  ask_en=L("""
Please tell me what documents to send.
Could you chase the assessor?
"""),
  phone=L("""
déclaration sinistre suite accident du {date_recente}
VEI, questions sur le solde du contrat
attend passage de l'expert depuis {delai}
vol du véhicule, pièces à fournir
désaccord sur le montant de l'indemnité
"""),
  chat=L("""
j'ai eu un accident je fais quoi
la voiture a été volée
l'expert est toujours pas passé
l'assurance dit que c'est a vous de payer
"""),
  subj=L("""
Déclaration de sinistre
Sinistre
Accident
Vol du véhicule
Expertise
Dossier sinistre {ref_sinistre}
"""),
  subj_en=L("""
Accident claim
Stolen car
Insurance claim
"""),
  sec=L("""
J'ai aussi eu un petit accrochage le mois dernier, faut-il vous le déclarer ?
"""),
  sec_en=L("""
I also had a minor bump last month — do I need to report it?
"""),
)

T(key="bris_de_glace", stage="sinistre", planted=None, n=160, frus=0.3, rc=0.15, catchall=0.17,
  cats={"Sinistre": 8, "Entretien": 1}, wrong=["Entretien", "Assistance", "Facturation"],
  prods={"LOA": 4, "LLD": 5, "Crédit auto": 2, "Crédit-bail pro": 1}, ev=0.2,
  core=L("""
Mon pare-brise est fissuré suite à un impact de gravillon, comment faire la prise en charge ?
Le réparateur de vitrage demande un accord de FinAuto avant de remplacer le pare-brise.
Une vitre latérale a été brisée lors d'une tentative de vol.
L'impact sur le pare-brise s'est transformé en fissure, et le contrôle technique approche.
Le remplacement du pare-brise nécessite un recalibrage de la caméra, qui le paie ?
Mon assurance bris de glace couvre-t-elle le toit panoramique ?
On me réclame une franchise de {franchise} pour le pare-brise, est-ce normal en LLD ?
Dois-je passer par un réparateur agréé par FinAuto pour le pare-brise ?
La lunette arrière a explosé en plein froid, je roule avec un film plastique.
Le rétroviseur a été arraché, est-ce considéré comme du bris de glace ?
Le réparateur a remplacé le pare-brise mais le capteur de pluie ne marche plus.
Depuis le changement du pare-brise, il y a une infiltration d'eau.
Puis-je faire réparer l'impact moi-même avant la restitution ?
Le pare-brise posé n'est pas d'origine, le garage dit qu'on me le reprochera à la restitution.
Combien de temps pour obtenir l'accord bris de glace ? L'impact grandit de jour en jour.
Mon phare avant est fendu suite à un gravillon, est-ce couvert ?
L'entreprise de vitrage dit n'avoir jamais reçu votre accord de prise en charge.
Vous me facturez un pare-brise alors que j'ai une assurance tous risques.
La vitre conducteur ne remonte plus depuis un acte de vandalisme.
Un impact de la taille d'une pièce de 2 euros, faut-il changer tout le pare-brise ?
Je vous envoie la facture du pare-brise que j'ai avancée, merci de me rembourser.
Le réparateur vitrage me donne un rendez-vous dans trois semaines, c'est trop long.
La caméra avant ne fonctionne plus depuis le remplacement du pare-brise.
Mon assurance refuse le bris de glace car le véhicule est à votre nom.
Qui doit déclarer le bris de glace, moi ou FinAuto ?
"""),
  core_en=L("""
My windscreen cracked after a stone chip; how do I get it covered?
The glass repairer wants FinAuto's approval first.
A side window was smashed in an attempted theft.
The chip has spread into a crack and the inspection is coming up.
Who pays for the camera recalibration after a windscreen change?
I'm being charged a {franchise} excess for the windscreen.
Since the windscreen was replaced, water leaks in.
Do I have to use an approved repairer?
The rain sensor stopped working after the replacement.
I paid for the windscreen myself, please reimburse me.
"""),
  detail=L("""
Le véhicule est immatriculé {plaque}.
L'impact est apparu le {date_recente}.
Le réparateur se trouve à {ville}.
"""),
  detail_en=L("""
The registration is {plaque}.
"""),
  ask=L("""
Merci d'envoyer l'accord au réparateur.
Pouvez-vous me rembourser la facture ?
"""),
  ask_en=L("""
Please send the approval to the repairer.
"""),
  phone=L("""
pare-brise fissuré, demande accord de prise en charge
vitre brisée, tentative de vol
franchise {franchise} bris de glace contestée
réparateur vitrage attend accord FinAuto
"""),
  chat=L("""
mon pare brise est fissuré
il faut votre accord pour le pare brise ?
on m'a cassé une vitre cette nuit
"""),
  subj=L("""
Bris de glace
Pare-brise
Impact pare-brise
Vitre cassée
"""),
  subj_en=L("""
Windscreen
Broken window
"""),
  sec=L("""
Au passage, j'ai un impact sur le pare-brise, comment faire ?
"""),
  sec_en=L("""
Also, I have a chip on the windscreen.
"""),
)

T(key="option_achat_loa", stage="fin_contrat_restitution", planted=None, n=230, frus=0.3, rc=0.2, catchall=0.16,
  cats={"Fin de contrat": 8, "Contrat": 1}, wrong=["Résiliation", "Facturation", "Livraison"],
  prods={"LOA": 12, "Crédit auto": 1}, ev=0.2,
  core=L("""
Mon contrat de LOA se termine le {date_future}, je souhaite lever l'option d'achat : quelle est la démarche ?
Quel est le montant exact de l'option d'achat de ma {vehicule} ?
J'ai payé l'option d'achat le {date_recente} et je n'ai toujours reçu ni le certificat de cession ni la carte grise barrée.
Peut-on lever l'option d'achat avant la fin du contrat ?
Le montant de l'option d'achat indiqué dans mon contrat ne correspond pas à celui de votre courrier.
Je voudrais financer l'option d'achat par un crédit chez vous, est-ce possible ?
Le virement pour l'option d'achat a été fait, mais vous continuez à me prélever.
Je souhaite que la voiture soit rachetée par mon fils plutôt que par moi, comment faire ?
Pouvez-vous m'envoyer la facture de vente suite à la levée d'option ?
J'ai levé l'option il y a deux mois et le véhicule est toujours à votre nom.
Faut-il payer des frais de dossier pour lever l'option d'achat ?
Je n'ai pas reçu le courrier annonçant la fin de mon contrat et les modalités de rachat.
Vu l'état du marché de l'occasion, le montant de l'option d'achat est-il négociable ?
L'option d'achat inclut-elle les frais de changement de carte grise ?
Je veux lever l'option mais on me parle d'un impayé que je ne reconnais pas.
Le concessionnaire propose de racheter la voiture à ma place, comment procéder ?
J'hésite entre lever l'option et restituer, pouvez-vous m'envoyer les deux chiffrages ?
Votre RIB pour le paiement de l'option n'est pas indiqué sur le courrier.
Il me faut le certificat de situation administrative pour revendre la voiture après rachat.
Mon chèque pour l'option d'achat a été encaissé, mais aucun document n'a suivi.
Peut-on payer l'option d'achat en plusieurs fois ?
Le kilométrage dépassé est-il facturé si je lève l'option ?
Je suis à l'étranger, puis-je lever l'option d'achat à distance ?
Quand vais-je recevoir le double des clés et le carnet d'entretien ? C'est ma voiture maintenant.
On m'annonce deux mois de délai pour la carte grise après rachat, c'est beaucoup.
"""),
  core_en=L("""
My LOA ends on {date_future_en} and I want to buy the car; what's the process?
What is the exact purchase option price for my {vehicule}?
I paid the purchase option weeks ago and still have no transfer certificate.
Can I exercise the purchase option early?
The buyout figure in your letter doesn't match my contract.
Can I finance the purchase option with a loan from you?
I paid the option and you're still taking monthly payments.
Can my son buy the car instead of me?
Is the purchase price negotiable?
I'm abroad — can I complete the purchase remotely?
"""),
  detail=L("""
Le contrat {contrat} arrive à échéance le {date_future}.
Le véhicule a {km}.
Le virement a été fait le {date_recente}.
"""),
  detail_en=L("""
The contract {contrat} ends on {date_future_en}.
"""),
  ask=L("""
Merci de m'envoyer la marche à suivre.
Pouvez-vous me transmettre les documents ?
"""),
  ask_en=L("""
Please send me the steps to follow.
"""),
  phone=L("""
souhaite lever l'option d'achat, demande le montant
option payée, attend le certificat de cession
levée d'option anticipée possible ?
écart montant option entre courrier et contrat
"""),
  chat=L("""
je veux racheter ma voiture a la fin de la loa
c'est combien l'option d'achat ?
j'ai payé l'option et j'ai pas la carte grise
"""),
  subj=L("""
Option d'achat
Levée d'option
Fin de LOA
Rachat du véhicule
Certificat de cession
"""),
  subj_en=L("""
Purchase option
Buying the car
"""),
  sec=L("""
Je pense lever l'option d'achat à la fin, pouvez-vous m'en donner le montant ?
"""),
  sec_en=L("""
Also, what would the buyout price be at the end?
"""),
)

T(key="prolongation_contrat", stage="fin_contrat_restitution", planted=None, n=180, frus=0.2, rc=0.17,
  catchall=0.17, cats={"Fin de contrat": 6, "Contrat": 3}, wrong=["Résiliation", "Livraison", "Facturation"],
  prods={"LLD": 8, "LOA": 3, "Crédit-bail pro": 1}, ev=0.2,
  core=L("""
Mon contrat se termine le {date_future} et ma nouvelle voiture ne sera pas livrée à temps : puis-je prolonger de trois mois ?
Je souhaite prolonger ma LLD d'un an, est-ce possible et à quel tarif ?
Vous m'avez proposé une prolongation mais le nouveau loyer est plus élevé que l'actuel.
J'ai demandé une prolongation il y a un mois et je n'ai toujours pas l'avenant.
Que se passe-t-il si je garde la voiture après la date de fin sans avenant ?
L'Entretien+ suit-il si le contrat est prolongé ?
La prolongation modifie-t-elle le kilométrage autorisé ?
Votre courrier parle d'une « prolongation tacite », je n'ai rien demandé.
Je voudrais prolonger de six mois, le temps de choisir mon prochain véhicule.
Le loyer de prolongation facturé ne correspond pas à celui de l'avenant.
On m'a refusé la prolongation sans explication, alors que je n'ai aucun impayé.
Une prolongation est-elle possible pour un crédit-bail professionnel ?
Mon contrat est terminé depuis une semaine et ma demande de prolongation est restée sans réponse.
Je souhaite passer d'une LOA à une LLD en fin de contrat, est-ce faisable ?
Quel est le délai pour demander une prolongation avant la fin du contrat ?
Puis-je prolonger et modifier en même temps le kilométrage annuel ?
Vous me facturez des « loyers de dépassement de durée » alors que j'avais demandé une prolongation.
L'avenant de prolongation est arrivé après la date de fin, est-il valable ?
Pourquoi la prolongation est-elle limitée à 6 mois ?
Le garage me dit que la voiture doit être restituée, vous me dites que le contrat est prolongé : qui croire ?
J'accepte votre proposition de prolongation, que dois-je signer ?
Vu l'âge du véhicule, je voudrais prolonger de 12 mois avec un loyer réduit.
La prolongation est-elle soumise à une nouvelle étude de dossier ?
Ma prolongation a été enregistrée pour 3 mois au lieu de 6.
En arrêt longue maladie, je voudrais prolonger pour étaler les paiements.
"""),
  core_en=L("""
My contract ends on {date_future_en} and my next car won't arrive in time — can I extend by three months?
I'd like to extend my lease by a year; what would it cost?
The extension price you offered is higher than my current rental.
I asked for an extension a month ago and still have no amendment.
What happens if I keep the car past the end date?
Does the maintenance package carry over?
Your letter mentions an automatic extension I never asked for.
I was refused an extension without explanation.
The extension was recorded for 3 months instead of 6.
What do I need to sign to accept the extension?
"""),
  detail=L("""
Contrat n° {contrat}.
Le véhicule a {km} au compteur.
Ma nouvelle voiture est prévue en {mois_next}.
"""),
  detail_en=L("""
The new car is expected in {mois_next_en}.
"""),
  ask=L("""
Merci de m'envoyer l'avenant.
Pouvez-vous me faire une proposition ?
"""),
  ask_en=L("""
Please send me the amendment.
"""),
  phone=L("""
demande prolongation 3 mois, livraison du nouveau véhicule tardive
avenant de prolongation non reçu
loyer de prolongation plus cher, conteste
refus de prolongation sans motif
"""),
  chat=L("""
je peux prolonger mon contrat ?
la prolongation c'est combien
j'ai toujours pas l'avenant de prolongation
"""),
  subj=L("""
Prolongation de contrat
Demande de prolongation
Avenant prolongation
Fin de contrat
"""),
  subj_en=L("""
Contract extension
Extend my lease
"""),
  sec=L("""
Par ailleurs, j'aimerais prolonger mon contrat de quelques mois.
"""),
  sec_en=L("""
I'd also like to extend the contract by a few months.
"""),
)

T(key="kilometrage_depasse", stage="fin_contrat_restitution", planted=None, n=200, frus=0.4, rc=0.2, catchall=0.17,
  cats={"Fin de contrat": 5, "Facturation": 3, "Contrat": 2}, wrong=["Prélèvement", "Entretien", "Résiliation"],
  prods={"LLD": 8, "LOA": 4, "Crédit-bail pro": 1}, ev=0.2,
  core=L("""
Je vais dépasser le kilométrage prévu au contrat d'environ {km_depasse}, puis-je modifier le forfait ?
Vous me facturez {montant_km} de kilomètres supplémentaires à la restitution, ce qui me semble énorme.
Le prix du kilomètre supplémentaire ({prix_km}) n'apparaît pas clairement dans mon contrat.
J'ai changé de travail et je roule beaucoup plus, je souhaite réviser le kilométrage annuel.
L'avenant kilométrique que j'ai demandé n'a jamais été appliqué.
Le kilométrage relevé à la restitution est faux, le compteur affichait {km}.
Peut-on compenser les kilomètres en trop par ceux en moins de l'an dernier ?
Je roule beaucoup moins que prévu, pouvez-vous réduire mon forfait et mon loyer ?
La facture de dépassement kilométrique est arrivée trois mois après la restitution.
Comment est calculé le dépassement si je prolonge mon contrat ?
Je conteste le relevé de {km} indiqué sur le PV : la photo du compteur prouve le contraire.
Pourquoi l'ajustement kilométrique en cours de contrat est-il payant ?
Je voudrais passer de {km_contrat} à 20 000 km par an, quel serait le nouveau loyer ?
Le dépassement kilométrique m'a été facturé deux fois.
Mon contrat prévoit une tolérance de 1 000 km, elle n'a pas été appliquée.
Je ne savais pas que le dépassement était facturé aussi cher, personne ne me l'a expliqué.
J'ai reçu une proposition d'avenant kilométrique mais le calcul est incompréhensible.
À mi-contrat, j'en suis déjà à {km}, que me conseillez-vous ?
La régularisation kilométrique me coûte plus cher que si j'avais modifié le contrat plus tôt.
Le compteur a été remplacé au garage, le kilométrage réel est inférieur.
Votre estimation de fin de contrat annonce {montant_km} de dépassement, c'est inacceptable.
Est-il possible de payer le dépassement en plusieurs fois ?
Le kilométrage est-il contrôlé pendant le contrat ou seulement à la fin ?
Je me suis trompé{e} en choisissant {km_contrat} par an, peut-on corriger ?
Le relevé kilométrique transmis par le garage est erroné.
"""),
  core_en=L("""
I'm going to go over my mileage by about {km_depasse}; can I change the allowance?
You've billed me {montant_km} for excess mileage — that's a lot.
The price per extra kilometre isn't clear in my contract.
My new job means much more driving; can we revise the annual mileage?
The mileage amendment I asked for was never applied.
The mileage recorded at return is wrong.
I drive far less than expected; can the allowance and rental be reduced?
I was billed twice for excess mileage.
Can I pay the excess mileage charge in instalments?
The tolerance of 1,000 km in my contract wasn't applied.
"""),
  detail=L("""
Le forfait actuel est de {km_contrat} par an.
Le compteur affiche {km}.
Le contrat se termine dans {nb_mois} mois.
"""),
  detail_en=L("""
The odometer reads {km}.
"""),
  ask=L("""
Merci de m'envoyer une proposition d'avenant.
Je demande l'annulation de cette facture.
"""),
  ask_en=L("""
Please send me an amendment proposal.
"""),
  phone=L("""
dépassement km prévu d'environ {km_depasse}, demande avenant
facture km supp {montant_km} contestée
relevé km du PV erroné
demande révision du forfait km à la baisse
"""),
  chat=L("""
je vais depasser les km
on peut changer le kilometrage du contrat ?
la facture des km en trop est enorme
"""),
  subj=L("""
Kilométrage
Dépassement kilométrique
Modification du kilométrage
Avenant kilométrique
Facture kilomètres supplémentaires
"""),
  subj_en=L("""
Excess mileage
Mileage change
"""),
  sec=L("""
Et je vais probablement dépasser mon kilométrage, peut-on ajuster ?
"""),
  sec_en=L("""
I'll probably exceed my mileage too — can we adjust?
"""),
)

T(key="rdv_restitution", stage="fin_contrat_restitution", planted=None, n=200, frus=0.3, rc=0.18, catchall=0.17,
  cats={"Fin de contrat": 9}, wrong=["Livraison", "Résiliation", "Contrat"],
  prods={"LLD": 8, "LOA": 4, "Crédit-bail pro": 1}, ev=0.2,
  core=L("""
Mon contrat se termine le {date_future}, comment organiser la restitution du véhicule ?
Le centre de restitution le plus proche est à 120 km, n'y a-t-il pas d'alternative ?
Je n'arrive pas à prendre rendez-vous pour la restitution, le lien du courrier ne fonctionne pas.
Peut-on restituer la voiture un samedi ?
Le prestataire chargé de l'enlèvement n'est jamais venu récupérer le véhicule.
Quels documents dois-je apporter le jour de la restitution ?
On me demande une pré-inspection avant la restitution, est-ce obligatoire ?
Le rendez-vous de restitution a été annulé deux fois par votre prestataire.
Dois-je faire nettoyer le véhicule avant de le rendre ?
Je pars à l'étranger le {date_future}, puis-je restituer avant la fin du contrat ?
Je n'ai reçu aucun courrier concernant la fin de mon contrat, qui se termine dans trois semaines.
À qui remettre les clés si personne n'est présent au rendez-vous de restitution ?
J'ai rendu la voiture mais je n'ai reçu aucun document confirmant la restitution.
Peut-on faire la restitution directement chez le concessionnaire qui m'a vendu la voiture ?
Le prestataire exige que la voiture ait le plein, ce n'est écrit nulle part.
Je souhaite une restitution à domicile, le service est-il payant ?
Je n'ai plus le deuxième jeu de clés, est-ce un problème pour la restitution ?
Faut-il faire la révision avant de restituer le véhicule ?
La date de restitution proposée tombe pendant mes congés.
Un proche peut-il restituer la voiture à ma place avec une procuration ?
Pendant combien de temps serai-je encore prélevé{e} après la restitution ?
Nous avons trois véhicules en fin de contrat le même mois, pouvez-vous organiser une restitution groupée ?
Le lieu de restitution indiqué sur le courrier n'existe plus.
J'ai besoin d'un rendez-vous de restitution en urgence car je déménage.
Que dois-je faire de la carte carburant et du badge télépéage à la restitution ?
"""),
  core_en=L("""
My lease ends on {date_future_en}; how do I arrange the return?
The nearest return centre is 120 km away — is there another option?
I can't book a return appointment; the link in your letter doesn't work.
The collection company never turned up.
What documents do I need to bring on the day?
Is the pre-inspection mandatory?
I returned the car and got no confirmation.
Can a relative return the car on my behalf?
Do I need to get the car serviced before returning it?
I'm leaving the country on {date_future_en}; can I return the car early?
"""),
  detail=L("""
Le véhicule est une {vehicule}, {km}.
J'habite à {ville}.
Contrat {contrat}.
"""),
  detail_en=L("""
I live in {ville}.
"""),
  ask=L("""
Merci de me proposer un créneau.
Pouvez-vous me confirmer la procédure ?
"""),
  ask_en=L("""
Please offer me a slot.
"""),
  phone=L("""
organisation restitution fin de contrat le {date_future}
prestataire d'enlèvement pas venu
demande liste des documents pour la restitution
restitution anticipée avant départ à l'étranger
"""),
  chat=L("""
comment je rends la voiture
le rdv de restitution a été annulé
je peux rendre la voiture un samedi ?
"""),
  subj=L("""
Restitution du véhicule
Fin de contrat
Rendez-vous restitution
Organisation restitution
"""),
  subj_en=L("""
Returning the car
End of lease return
"""),
  sec=L("""
Pouvez-vous aussi me dire comment organiser la restitution en fin de contrat ?
"""),
  sec_en=L("""
Could you also tell me how to arrange the return?
"""),
)

T(key="rachat_anticipe", stage="resiliation", planted=None, n=220, frus=0.35, rc=0.2, catchall=0.16,
  cats={"Résiliation": 5, "Contrat": 3}, wrong=["Fin de contrat", "Facturation", "Prélèvement"],
  prods={"Crédit auto": 6, "LOA": 4, "LLD": 3, "Crédit-bail pro": 1}, ev=0.2,
  core=L("""
Je souhaiterais rembourser par anticipation mon crédit auto, pouvez-vous m'envoyer un décompte ?
Quel est le montant à régler pour solder mon contrat de LOA dès maintenant ?
Je vends ma voiture et dois solder le crédit, combien reste-t-il à payer ?
Les indemnités de remboursement anticipé me semblent plus élevées que ce que la loi autorise.
J'ai fait le virement pour le remboursement anticipé, mais le prélèvement du mois est quand même passé.
Le décompte de rachat que vous m'avez envoyé n'est valable que 8 jours, je n'ai pas eu le temps.
Puis-je faire un remboursement partiel pour réduire mes mensualités ?
Mon nouvel employeur me fournit une voiture de fonction, combien coûte l'arrêt de ma LLD ?
Une fois le solde réglé, sous quel délai le gage sur le véhicule sera-t-il levé ?
Un concessionnaire reprend ma voiture et me demande le montant du solde : pouvez-vous le lui communiquer ?
J'ai reçu un héritage et voudrais solder tous mes contrats chez vous.
Le décompte indique des « frais de résiliation » dont je ne comprends pas le calcul.
Je souhaite racheter le véhicule en cours de LOA, quel serait le prix ?
Le remboursement anticipé a été effectué le {date_recente}, pourquoi le contrat apparaît-il encore actif ?
Il y a un trop-perçu suite à mon remboursement anticipé, quand sera-t-il remboursé ?
Pourquoi le décompte a-t-il augmenté de {montant_regul} en une semaine ?
Je voudrais transférer mon contrat de LLD à un proche plutôt que de le résilier.
Je souhaite mettre fin à ma LLD en cours, je pars vivre à l'étranger.
Merci de m'envoyer le RIB sur lequel faire le virement de solde.
La banque qui rachète mon crédit attend votre décompte depuis deux semaines.
Le montant du rachat ne tient pas compte des loyers déjà versés d'avance.
L'assurance emprunteur est-elle remboursée au prorata si je solde le prêt ?
Je veux solder mon crédit-bail suite à la cession de mon entreprise.
Le décompte ne mentionne pas la valeur de rachat du véhicule.
Votre service m'a donné trois montants différents pour le solde, lequel est le bon ?
"""),
  core_en=L("""
I'd like to pay off my car loan early; could you send me a settlement figure?
How much to settle my lease right now?
I'm selling the car and need to clear the finance.
The early repayment charges look higher than the legal cap.
I transferred the settlement amount but the monthly debit still went out.
The settlement quote is only valid 8 days, which wasn't enough.
Can I make a partial repayment to reduce my instalments?
My new employer gives me a company car; what does it cost to end my lease?
There's an overpayment after I settled; when will it be refunded?
Your team has given me three different settlement figures.
"""),
  detail=L("""
Contrat : {contrat}.
L'acheteur attend une réponse pour le {date_future}.
Le virement est de {montant_solde}.
Le virement partira de mon compte {iban}.
"""),
  detail_en=L("""
My contract number is {contrat}.
"""),
  ask=L("""
Merci de m'envoyer le décompte par mail.
Merci de confirmer la clôture du contrat.
"""),
  ask_en=L("""
Please email me the settlement figure.
"""),
  phone=L("""
demande décompte de remboursement anticipé
solde anticipé fait, prlv passé quand même
vente du véhicule, besoin du montant du solde
conteste IRA sur le décompte
"""),
  chat=L("""
je voudrais solder mon credit
c combien pour tout rembourser
il me faut un decompte
"""),
  subj=L("""
Remboursement anticipé
Décompte de solde
Rachat du contrat
Solde du crédit
Demande de décompte
"""),
  subj_en=L("""
Early settlement
Settlement figure
"""),
  sec=L("""
J'envisage aussi de solder le crédit par anticipation, pouvez-vous me faire un décompte ?
"""),
  sec_en=L("""
I'm also thinking of settling early — can you send a figure?
"""),
)

T(key="resiliation_deces_emploi", stage="resiliation", planted=None, n=170, frus=0.35, rc=0.22, catchall=0.18,
  cats={"Résiliation": 6, "Contrat": 2, "Sinistre": 1}, wrong=["Fin de contrat", "Prélèvement", "Facturation"],
  prods={"Crédit auto": 5, "Assurance emprunteur": 4, "LOA": 3, "LLD": 3, "Crédit-bail pro": 1}, ev=0.15,
  core=L("""
Mon mari est décédé le {date_old}, il était titulaire d'un contrat chez vous : que devons-nous faire ?
Suite au décès de ma mère, je dois gérer son contrat de crédit auto, quelles sont les démarches ?
Je viens d'être licencié{e} et voudrais faire jouer l'assurance perte d'emploi sur mon crédit.
Quelles pièces fournir pour la prise en charge des mensualités par l'assurance emprunteur après mon licenciement ?
Le notaire demande un décompte au jour du décès pour la succession.
Mon père est décédé, faut-il restituer le véhicule ou peut-on le garder ?
L'assurance emprunteur doit prendre le relais suite à mon invalidité, où en est le dossier ?
Suite à mon licenciement économique, quelles sont les options pour arrêter ma LLD ?
Les prélèvements continuent sur le compte de mon conjoint décédé, alors que le compte est bloqué.
J'ai envoyé l'acte de décès il y a un mois, aucune réponse à ce jour.
L'assureur refuse la prise en charge perte d'emploi au motif d'un délai de carence.
Héritier, on me demande de payer les loyers en retard de mon oncle.
Ma rupture conventionnelle est-elle couverte par la garantie perte d'emploi ?
Merci de suspendre les prélèvements le temps du règlement de la succession.
Suite au décès de mon épouse, co-titulaire, je souhaite rester seul titulaire du contrat.
J'ai perdu mon emploi : une résiliation sans frais est-elle envisageable ?
L'assurance a accepté la prise en charge mais vous continuez à me prélever.
Pouvez-vous m'indiquer l'adresse pour envoyer les documents de succession ?
En arrêt longue maladie, puis-je faire prendre en charge les échéances par l'assurance emprunteur ?
Les héritiers ont renoncé à la succession, qui récupère le véhicule ?
On me réclame un certificat d'hérédité, mais le notaire n'en délivre plus.
Mon entreprise a été liquidée, le contrat de crédit-bail est-il résilié automatiquement ?
Je dois rendre la voiture de mon père décédé, comment organiser l'enlèvement ?
L'assurance perte d'emploi n'a versé qu'une partie des échéances.
Je voudrais connaître le montant couvert par l'assurance décès sur le contrat de mon frère.
"""),
  core_en=L("""
My husband passed away on {date_old_en}; he had a lease with you. What do we need to do?
I've just been made redundant and want to claim on the payment protection insurance.
What documents do you need for the insurer to cover my payments after losing my job?
The notary needs a settlement figure as of the date of death.
Payments are still being taken from my late wife's account.
I sent the death certificate a month ago and heard nothing back.
The insurer accepted my claim but you're still debiting me.
Is a mutual termination with my employer covered by the unemployment cover?
Can we keep my father's car or must it be returned?
My company went into liquidation — is the lease terminated automatically?
"""),
  detail=L("""
Le contrat est au nom de {proche_nom}.
Le notaire chargé de la succession est Maître {tiers_nom_seul}.
Je suis joignable au {tel}.
"""),
  detail_en=L("""
The contract is in the name of {proche_nom}.
"""),
  ask=L("""
Merci de m'indiquer les démarches.
Merci de suspendre les prélèvements.
"""),
  ask_en=L("""
Please tell me what to do.
"""),
  phone=L("""
décès du titulaire, la famille demande les démarches
licenciement, veut activer l'assurance perte d'emploi
acte de décès envoyé, sans réponse
prlv continuent sur le compte du défunt
"""),
  chat=L("""
mon pere est decede il avait un contrat chez vous
j'ai perdu mon emploi l'assurance couvre ?
quels papiers pour l'assurance emprunteur
"""),
  subj=L("""
Décès du titulaire
Succession
Assurance perte d'emploi
Prise en charge assurance emprunteur
Licenciement
"""),
  subj_en=L("""
Bereavement
Payment protection claim
"""),
  sec=L("""
Je viens aussi de perdre mon emploi, l'assurance emprunteur peut-elle jouer ?
"""),
  sec_en=L("""
I've also just lost my job — does the insurance cover that?
"""),
)

# ---------------------------------------------------------------------------------- planted issues

T(key="prelevement_errone", stage="facturation_prelevements", planted="recurring_large", n=680, frus=0.75, rc=0.27,
  catchall=0.16, cats={"Prélèvement": 6, "Facturation": 3, "Réclamation": 1},
  wrong=["Contrat", "Fin de contrat", "Résiliation", "Assistance"],
  prods={"LOA": 7, "LLD": 6, "Crédit auto": 5, "Crédit-bail pro": 1, "Entretien+": 0.5, "Assurance emprunteur": 0.4},
  ev=0.2, chan={"telephone": 1.15},
  kind="recurring", size="large",
  desc_fr="Prélèvements en double ou d'un montant erroné, parfois après la fin du contrat, suivis de frais de rejet facturés au client.",
  desc_en="Direct debits taken twice or for the wrong amount, sometimes after the contract ended, followed by rejection fees billed to the customer.",
  core=L("""
Vous m'avez prélevé deux fois l'échéance de {mois} : {loyer} le {date_prel}, puis encore {loyer} trois jours plus tard.
En consultant mon relevé bancaire, je constate un double prélèvement de {loyer} pour le même mois.
Le montant prélevé ce mois-ci ({loyer2}) ne correspond pas du tout à mon loyer habituel de {loyer}.
Mon contrat est terminé depuis {mois_prec} et vous continuez à prélever {loyer} sur mon compte !
Deux prélèvements FinAuto identiques sont apparus sur mon compte le même jour, j'ai été mis{e} à découvert.
Je viens de recevoir un courrier m'annonçant des frais de rejet de {frais_rejet} alors que le prélèvement a été présenté deux fois par votre faute.
Mon banquier m'a appelé{e} : FinAuto a présenté deux fois la mensualité de {mois}, la seconde a été rejetée et je me retrouve avec des frais.
Pourquoi ai-je été débité{e} de {loyer2} au lieu de {loyer} ? Aucun avenant n'a été signé.
J'ai rendu la voiture il y a deux mois, le contrat est soldé, et pourtant un nouveau prélèvement de {loyer} est passé le {date_prel}.
Il y a une erreur sur votre prélèvement : vous avez pris le loyer et l'assurance en double, soit {loyer2}.
Ce mois-ci la mensualité est sortie deux fois de mon compte, une fois le {jour_prel} et une fois le lendemain.
Ma banque a rejeté un prélèvement que je n'aurais jamais dû avoir, et vous me facturez {frais_rejet} de frais de rejet. C'est le monde à l'envers.
Je constate sur mon compte un prélèvement SEPA de FinAuto de {loyer2} que je ne m'explique pas.
Depuis mon changement de RIB, je suis prélevé{e} sur les deux comptes, l'ancien et le nouveau.
Le solde de mon crédit a été réglé lors du rachat et vous avez malgré tout prélevé une échéance supplémentaire de {loyer}.
Je suis prélevé{e} en double depuis trois mois maintenant, et personne ne semble capable d'arrêter ça.
Votre échéance de {mois} a été débitée deux fois. Résultat : rejet de mon loyer d'appartement et frais bancaires.
Vous avez pris {loyer2} sur mon compte le {date_prel}, presque le double de ma mensualité normale.
Le prélèvement de ce mois comporte des « frais de gestion » de {frais_rejet} que je n'ai jamais acceptés, en plus d'un doublon de l'échéance.
Encore un prélèvement en double ! C'est la deuxième fois cette année.
Sur mon relevé il y a « PRLV SEPA FINAUTO {loyer} » le {date_prel} et à nouveau la même ligne le lendemain.
Mon contrat LOA s'est terminé avec la levée d'option et vous m'avez tout de même prélevé le loyer suivant.
Vous me réclamez des frais pour un impayé qui n'en est pas un : le prélèvement est passé, puis vous l'avez représenté.
Le montant débité ne tient pas compte de la régularisation annoncée, j'ai payé {loyer2} au lieu de {loyer}.
J'ai fait opposition à un prélèvement qui était manifestement une erreur (deuxième débit du mois) et maintenant on me facture des frais de rejet.
Le prélèvement automatique est passé à la mauvaise date et en double, mon compte est dans le rouge.
Je ne comprends pas pourquoi j'ai deux lignes de prélèvement ce mois-ci alors que je n'ai qu'une voiture chez vous.
Votre système m'a débité{e} d'une mensualité alors que le véhicule a été restitué et le PV signé le {date_recente}.
"""),
  core_en=L("""
I was charged twice for my {mois_en} payment ({loyer} each time).
Two identical direct debits from FinAuto hit my account this month.
My lease ended in {mois_prec_en} but you are still taking {loyer} every month.
The amount taken this month ({loyer2}) is not what my contract says.
You double-debited me and then charged a {frais_rejet} returned payment fee when my bank bounced the second one.
There's a duplicate direct debit on my statement and it pushed me into my overdraft.
Why was {loyer2} collected instead of the usual {loyer}?
I returned the car weeks ago and the contract is closed, yet another payment was collected on {date_prel_en}.
I'm being debited from both my old and new bank accounts since I changed my details.
This is the second month in a row you've taken the instalment twice.
Your direct debit went out twice, one bounced, and now I'm being billed a rejection fee. That's not on me.
"""),
  detail=L("""
Je joins une capture de mon relevé bancaire.
Mon numéro de contrat : {contrat}.
La banque m'a en plus facturé {frais_rejet} de commission d'intervention.
Mon loyer normal est de {loyer} par mois.
Le premier débit est daté du {date_prel}, le second du lendemain.
Je vous avais déjà signalé un problème similaire en {mois_prec}.
J'ai dû emprunter à un proche pour finir le mois.
Le remboursement peut se faire sur mon compte {iban}.
"""),
  detail_en=L("""
I've attached a screenshot of my bank statement.
My usual monthly payment is {loyer}.
Please refund to my account {iban}.
"""),
  ask=L("""
Merci de me rembourser le prélèvement en trop sous 48h ainsi que les frais de rejet.
Je demande le remboursement immédiat de la somme prélevée à tort.
Pouvez-vous annuler les frais de rejet et me confirmer par écrit que cela ne se reproduira pas ?
Je souhaite un remboursement par virement et un geste commercial pour les frais bancaires.
Arrêtez immédiatement les prélèvements, le contrat est terminé.
Merci de régulariser au plus vite.
"""),
  ask_en=L("""
Please refund the extra payment and the fee immediately.
Stop the direct debits now, the contract is over.
I expect a refund within 48 hours.
"""),
  phone=L("""
prélèvement en double sur l'échéance de {mois}
conteste frais de rejet de {frais_rejet}
prélevé{e} {loyer2} au lieu de {loyer}
toujours prélevé{e} alors que contrat soldé depuis {mois_prec}
2 prélèvements identiques le même jour, à découvert
prélèvement rejeté suite à doublon, demande annulation des frais
débité{e} sur l'ancien et le nouveau compte après changement de RIB
mensualité prélevée après restitution du véhicule
"""),
  chat=L("""
vous m'avez prélevé 2 fois ce mois ci
jai 2 prelevements finauto sur mon compte
pourquoi vous me prenez {loyer2} ??
mon contrat est fini et vous prelevez encore
on me facture des frais de rejet alors que c'est vous qui avez prélevé en double
le prélèvement est passé deux fois
"""),
  subj=L("""
Prélèvement en double
Double prélèvement {mois}
Erreur de prélèvement
Prélèvement après fin de contrat
Frais de rejet injustifiés
Remboursement prélèvement
Montant prélevé incorrect
"""),
  subj_en=L("""
Duplicate direct debit
Charged twice
Incorrect payment amount
Payment taken after contract end
"""),
  sec=L("""
Au passage, j'ai aussi été prélevé{e} deux fois le mois dernier, merci de vérifier.
Autre chose : un prélèvement de {loyer2} est passé au lieu de {loyer}, ce n'est pas normal.
"""),
  sec_en=L("""
Also, I think I was charged twice last month — can you check?
"""),
)

T(key="frais_remise_en_etat", stage="fin_contrat_restitution", planted="recurring_medium", n=340, frus=0.8,
  rc=0.3, catchall=0.17, cats={"Fin de contrat": 5, "Facturation": 3, "Réclamation": 2},
  wrong=["Sinistre", "Entretien", "Prélèvement", "Résiliation"],
  prods={"LLD": 8, "LOA": 4, "Crédit-bail pro": 1}, ev=0.2, chan={"email": 1.15},
  kind="recurring", size="medium",
  desc_fr="Frais de remise en état contestés à la restitution du véhicule : PV de restitution sans réserve, rayures d'usure normale facturées, expertise jugée partiale.",
  desc_en="Disputed refurbishment charges at vehicle return: clean return report, normal wear-and-tear scratches billed, assessor seen as biased.",
  core=L("""
Vous me facturez {montant_fre} de frais de remise en état pour des rayures qui relèvent de l'usure normale.
Je conteste la facture de remise en état reçue après la restitution de ma {vehicule}.
Le PV de restitution signé sur place ne mentionnait aucun dommage, et je reçois maintenant une facture de {montant_fre}.
L'expert mandaté par FinAuto a relevé des « dommages » qui n'existaient pas le jour de la restitution.
On me réclame {montant_fre} pour une jante frottée et deux micro-rayures, c'est du vol.
La grille d'usure que vous m'aviez remise à la signature indique clairement que ces rayures sont acceptables.
Votre expert n'est pas indépendant, il est payé par vous : je demande une contre-expertise.
Le montant des réparations facturées est trois fois supérieur au devis de mon garagiste.
Je n'ai jamais été convoqué{e} à l'expertise du véhicule après restitution.
Les photos jointes à votre facture ne sont même pas celles de ma voiture.
Vous me facturez le remplacement complet du pare-chocs pour une éraflure de 3 cm.
Le véhicule a été rendu propre et en bon état, ces frais de remise en état sont injustifiés.
Après quatre ans et {km}, il est normal que la voiture présente quelques marques d'usage.
Le rapport d'expertise est arrivé deux mois après la restitution : comment prouver que les dégâts ne viennent pas du transport ?
La facture de restitution comprend un « nettoyage intérieur » à {frais_nettoyage} alors que j'avais fait nettoyer la voiture.
Le PV de restitution a été rempli par le convoyeur sans moi, je ne l'ai jamais signé.
Je refuse de payer ces frais de remise en état tant que je n'ai pas vu les photos datées.
Vous avez prélevé les frais de remise en état sans mon accord, alors que je les contestais.
Le chiffrage des dommages ne tient aucun compte de la vétusté.
On me facture une rayure sur le hayon qui figurait déjà sur le PV de livraison.
L'expert a compté chaque impact de gravillon comme un dommage à réparer.
Je conteste formellement le rapport d'expertise n° {ref_expertise}.
Avec cette facture de {montant_fre}, la fin de ma LLD me coûte plus cher qu'un achat.
Le convoyeur m'a dit que tout était en ordre, et un mois après vous m'envoyez une facture salée.
Pourquoi le recouvrement me relance-t-il pour des frais que j'ai contestés par courrier recommandé ?
Les frais de remise en état de ma précédente voiture étaient déjà abusifs, et ça recommence.
Vous facturez des pièces neuves au prix constructeur pour une voiture qui sera revendue d'occasion.
"""),
  core_en=L("""
You've billed me {montant_fre} in refurbishment charges for scratches that are normal wear and tear.
I'm disputing the damage invoice I received after returning my {vehicule}.
The return report I signed on the day showed no damage, and now I get a {montant_fre} bill.
Your assessor found 'damage' that wasn't there when I handed the car back.
{montant_fre} for a scuffed alloy and two tiny scratches is outrageous.
The fair wear and tear guide you gave me says these marks are acceptable.
Your assessor is paid by you, so I want an independent inspection.
The photos attached to the invoice aren't even of my car.
I was never invited to attend the inspection.
You took the damage charges by direct debit while I was still disputing them.
The report arrived two months after the return — how do you know the damage didn't happen in transport?
"""),
  detail=L("""
Je joins les photos prises le jour de la restitution, le {date_old}.
Le PV de restitution indique « RAS » sur la carrosserie.
La restitution a eu lieu chez {garage}.
Mon garagiste chiffre la réparation à {montant_devis_garage} seulement.
Le véhicule avait {km} au moment de la restitution.
Le convoyeur, {tiers_prenom}, n'a rien relevé de particulier.
"""),
  detail_en=L("""
I've attached the photos I took at the return on {date_old_en}.
My own garage quoted {montant_devis_garage} for the repair.
The return report says 'no remarks' on the bodywork.
"""),
  ask=L("""
Je demande l'annulation pure et simple de cette facture.
Merci de m'adresser les photos horodatées et le rapport complet.
Je demande une contre-expertise à vos frais.
Je suspends tout paiement jusqu'à la résolution de ce litige.
Merci de ramener ces frais à un montant raisonnable, conforme à la grille d'usure.
"""),
  ask_en=L("""
I want this invoice cancelled.
Please send me the time-stamped photos and the full report.
I'm withholding payment until this is resolved.
"""),
  phone=L("""
conteste frais de remise en état {montant_fre}
PV de restitution sans réserve mais facture de dommages
demande contre-expertise
rayures d'usure normale facturées
frais prélevés sans accord malgré contestation
photos de l'expertise ne correspondent pas au véhicule
"""),
  chat=L("""
je conteste la facture de remise en etat
vous me facturez {montant_fre} pour des rayures !!
le pv de restitution etait ok
votre expert a inventé des dommages
"""),
  subj=L("""
Contestation frais de remise en état
Facture restitution
Frais de restitution abusifs
Litige restitution
Rapport d'expertise contesté
Contestation facture {ref_expertise}
"""),
  subj_en=L("""
Disputing end-of-lease damage charges
Refurbishment invoice
"""),
  sec=L("""
Je conteste également la facture de remise en état reçue pour mon précédent véhicule.
Sans parler des frais de remise en état de {montant_fre} que je conteste toujours.
"""),
  sec_en=L("""
And I'm still disputing the {montant_fre} damage charges from the return.
"""),
)

T(key="assistance_panne_defaillante", stage="panne_assistance", planted="recurring_small", n=185, frus=0.9,
  rc=0.27, catchall=0.17, cats={"Assistance": 6, "Réclamation": 2}, wrong=["Sinistre", "Entretien", "Livraison"],
  prods={"LLD": 6, "LOA": 4, "Crédit auto": 1, "Entretien+": 2, "Crédit-bail pro": 1}, ev=0.25,
  chan={"telephone": 1.4, "chat": 1.1},
  kind="recurring", size="small",
  desc_fr="Assistance panne défaillante : dépanneuse en retard de plusieurs heures, véhicule de remplacement refusé, plateforme d'assistance injoignable ou fermée.",
  desc_en="Failing roadside assistance: tow truck hours late, replacement car refused, assistance hotline unreachable or closed.",
  core=L("""
Je suis tombé{e} en panne à {heure} en emmenant les enfants à l'école et la dépanneuse est arrivée avec {attente} de retard.
Votre assistance m'a laissé{e} seul{e} sur le bord de la route pendant {attente}.
On m'a refusé un véhicule de remplacement alors que mon contrat le prévoit explicitement.
La plateforme d'assistance était injoignable un dimanche matin : 45 minutes d'attente avant d'être coupé{e}.
Après une panne sur l'autoroute, le dépanneur envoyé n'avait pas le bon camion et il a fallu en attendre un autre.
Ma voiture ne démarrait plus ce matin, l'assistance m'a dit de me débrouiller jusqu'à l'ouverture du garage.
Le numéro d'assistance indiqué sur la carte dans la boîte à gants n'est plus attribué.
J'ai dû payer le remorquage de ma poche ({montant_depannage}) parce que votre assistance ne venait pas.
Le véhicule de remplacement promis au téléphone n'a jamais été disponible à l'agence de location.
Pendant {attente}, avec mes deux enfants dans le froid, personne chez vous n'a pu me donner une heure d'arrivée.
L'assistance m'a dit que la panne n'était pas couverte car « il s'agit d'une panne de batterie ».
Je suis resté{e} immobilisé{e} à {ville}, à 300 km de chez moi, sans solution de retour.
On m'a rappelé{e} trois heures après ma demande pour me dire que la dépanneuse ne viendrait que le lendemain.
Votre hotline ferme à 20h ? Les pannes, elles, n'ont pas d'horaires.
Le dépanneur a emmené ma voiture dans un garage à 80 km alors qu'il y en avait un à 5 km.
Le taxi promis pour me ramener n'est jamais arrivé.
Ma voiture a calé au feu rouge, impossible de redémarrer, et l'assistance m'annonce un délai d'intervention de 4 heures.
Je paie l'option assistance 0 km depuis trois ans, et le jour où j'en ai besoin, rien ne fonctionne.
Le conseiller de l'assistance m'a raccroché au nez.
On m'a refusé le véhicule de remplacement au motif que la panne n'immobiliserait pas la voiture plus de 24h — elle est au garage depuis 5 jours.
Crevaison de nuit sur la nationale : votre assistance m'a dit de changer la roue moi-même, alors qu'il n'y a pas de roue de secours.
J'ai raté un rendez-vous médical important à cause du retard de votre dépanneuse.
L'assistance me demande d'avancer les frais d'hôtel, qui seront « peut-être » remboursés.
Mon employeur m'a fait une remarque car je suis arrivé{e} à midi, la dépanneuse ayant mis {attente} à venir.
En pleine nuit sur une aire d'autoroute, seul{e}, avec une voiture qui ne redémarre plus : votre assistance m'a fait attendre {attente}.
Le voyant batterie s'est allumé puis la voiture s'est arrêtée net, et il a fallu quatre appels pour qu'un dépanneur soit envoyé.
L'assistance n'a pas voulu me dépanner parce que j'étais à moins de 50 km de chez moi, alors que j'ai l'option 0 km.
"""),
  core_en=L("""
I broke down at {heure_en} on the school run and the tow truck turned up {attente_en} late.
Your roadside assistance left me stranded by the road for {attente_en}.
I was refused a replacement car even though my contract includes one.
The assistance line didn't answer on a Sunday morning; I held for 45 minutes and got cut off.
I paid {montant_depannage} for the tow myself because your breakdown service never came.
The number on the assistance card in the glovebox is no longer in service.
They said a flat battery isn't covered by the breakdown service. Seriously?
I was stuck {attente_en} in the cold with two kids and nobody could tell me when help would arrive.
The replacement car promised on the phone wasn't available at the rental desk.
Your hotline closes at 8 p.m.? Breakdowns don't keep office hours.
The taxi that was supposed to take me home never showed up.
"""),
  detail=L("""
Je n'ai eu aucune solution pour aller travailler le lendemain.
J'ai appelé l'assistance à {heure} et le dépanneur est arrivé vers {heure2}.
J'ai les relevés d'appels qui prouvent mes multiples tentatives.
La voiture est maintenant chez {garage}.
Mon contrat inclut l'assistance 0 km et le véhicule de remplacement, c'est écrit noir sur blanc.
J'ai dû payer un taxi {montant_taxi} pour rentrer.
"""),
  detail_en=L("""
I called at {heure_en} and the truck arrived around {heure2_en}.
I had to pay {montant_taxi} for a taxi home.
My contract includes a replacement car, it's in writing.
"""),
  ask=L("""
Je demande le remboursement de mes frais de dépannage et de taxi.
Je veux un véhicule de remplacement dès aujourd'hui.
Merci de m'expliquer par écrit pourquoi l'assistance n'a pas fonctionné.
J'exige un geste commercial pour ce service défaillant.
Merci de me rappeler de toute urgence.
"""),
  ask_en=L("""
I want my towing and taxi costs refunded.
I need a replacement car today.
Please explain in writing why the assistance failed.
"""),
  phone=L("""
panne à {heure}, dépanneuse arrivée avec {attente} de retard
véhicule de remplacement refusé malgré le contrat
hotline assistance injoignable, client{e} bloqué{e}
a payé le remorquage {montant_depannage}, demande remboursement
taxi promis jamais venu
assistance refuse de couvrir panne batterie
"""),
  chat=L("""
ca fait 2h que j'attends la depanneuse
je suis en panne et votre assistance repond pas
on me refuse un vehicule de remplacement
vous fermez a 20h ?? je suis bloqué sur l'autoroute
"""),
  subj=L("""
Assistance défaillante
Panne - aucune assistance
Réclamation dépannage
Véhicule de remplacement refusé
Panne du {date_recente}
Honteux
"""),
  subj_en=L("""
Breakdown assistance failure
Stranded
Replacement car refused
"""),
  story=[L("""
Le {date_recente}, je suis parti{e} à {heure} pour déposer mes enfants à l'école avant d'aller travailler. À peine sorti{e} du quartier, la voiture s'est arrêtée net, plus rien au tableau de bord.
Mardi dernier, vers {heure}, sur la route de l'école avec mes deux enfants, ma {vehicule} s'est mise en sécurité : voyant moteur, puis plus de puissance du tout. J'ai pu me garer tant bien que mal sur le bas-côté.
Le {date_recente} au matin, ma voiture a refusé de démarrer devant chez moi, à {heure}, alors que je devais emmener ma fille au collège puis partir au travail.
Ce matin à {heure}, en plein embouteillage sur la rocade, la voiture s'est coupée net. Impossible de la relancer, les warnings allumés au milieu de la circulation.
J'étais en route pour déposer mon fils à l'école quand un bruit métallique a retenti, suivi d'une alerte « arrêt immédiat ». Il était {heure}.
"""), L("""
J'ai appelé immédiatement le numéro d'assistance figurant sur la carte FinAuto. Après vingt minutes d'attente, on m'a annoncé un dépanneur « dans l'heure ». Il est arrivé à {heure2}, soit {attente} plus tard.
J'ai composé le numéro d'assistance : musique d'attente, puis coupure. Au troisième essai, une personne m'a promis un dépanneur sous 45 minutes. Il s'est présenté à {heure2}.
Votre plateforme m'a d'abord demandé mon numéro de contrat, que je n'avais pas sur moi, puis m'a annoncé un délai « d'environ une heure ». Résultat : {attente} d'attente sur le bord de la route.
Le conseiller de l'assistance a pris mes coordonnées et m'a assuré qu'on me rappellerait. Personne n'a rappelé ; j'ai dû relancer deux fois, et le camion n'est arrivé qu'à {heure2}.
"""), L("""
Les enfants ont raté l'école et moi une réunion importante. Au garage, on m'a expliqué que la réparation prendrait plusieurs jours ; j'ai donc demandé le véhicule de remplacement prévu par mon contrat. Réponse : « pas de véhicule disponible, rappelez demain ». Le lendemain, même réponse.
Mon employeur n'a pas apprécié mon arrivée à midi. Et quand j'ai demandé un véhicule de remplacement, on m'a répondu que mon contrat ne le prévoyait pas, ce qui est faux.
J'ai dû demander à un voisin de récupérer les enfants. Le véhicule de remplacement ? On m'a dit que l'agence partenaire était fermée le matin et qu'il fallait rappeler après 14h.
J'ai fini par louer une voiture à mes frais, faute de véhicule de remplacement disponible. Personne chez vous n'a été capable de me dire combien de temps ça allait durer.
"""), L("""
Ce n'est pas la première fois : il y a quelques mois déjà, votre hotline était fermée quand j'ai crevé un soir sur la rocade.
J'avais déjà eu affaire à votre assistance l'hiver dernier pour une batterie, avec le même genre de délai.
Je précise que je paie l'option assistance depuis le début du contrat.
""")],
  story_en=[L("""
On {date_recente_en} I left at {heure_en} to drop my kids at school before work. A few streets from home the car just died — no power at all.
Last Tuesday around {heure_en}, on the school run, my {vehicule} went into limp mode and then lost all power. I managed to pull over onto the verge.
"""), L("""
I rang the assistance number on the FinAuto card straight away. After twenty minutes on hold I was told a truck would come 'within the hour'. It arrived at {heure2_en}, {attente_en} later.
Your helpline cut me off twice. The third time someone promised a tow within 45 minutes; it showed up at {heure2_en}.
"""), L("""
The kids missed school and I missed an important meeting. At the garage they told me the repair would take several days, so I asked for the replacement car my contract includes. 'No car available, call back tomorrow.' Same answer the next day.
In the end I hired a car myself, because nobody could give me a replacement vehicle.
""")],
  sec=L("""
Et je ne parle même pas de votre assistance, qui m'a laissé{e} 3 heures sur le bord de la route la semaine dernière.
"""),
  sec_en=L("""
Not to mention your breakdown service leaving me stranded for hours last week.
"""),
)

T(key="code_sms_appli", stage="souscription", planted="emerging", n=sum(EMERGING_WEEKLY), frus=0.6, rc=0.22,
  catchall=0.22, cats={"Assistance": 5, "Contrat": 3, "Réclamation": 1},
  wrong=["Facturation", "Fin de contrat", "Prélèvement"],
  prods={"LOA": 5, "LLD": 6, "Crédit auto": 3, "Crédit-bail pro": 1, "Entretien+": 0.5}, ev=0.25,
  chan={"chat": 1.5, "formulaire_web": 1.2, "telephone": 0.9},
  kind="emerging", size=None,
  desc_fr="Depuis la mise à jour de l'application et de l'espace client (fin octobre 2026), le code de validation par SMS n'arrive pas : impossible de se connecter, de signer l'avenant kilométrique ou de télécharger ses documents.",
  desc_en="Since the customer app / portal update (late October 2026) the SMS validation code never arrives, so customers cannot log in, sign their mileage amendment or download documents.",
  core=L("""
Depuis la mise à jour de l'application FinAuto, je ne reçois plus le code SMS pour me connecter.
Le code de validation par SMS n'arrive jamais, impossible de signer l'avenant kilométrique.
Depuis la nouvelle version de l'espace client, on me demande un code par SMS qui ne vient pas.
J'ai mis à jour l'appli comme demandé et depuis je suis bloqué{e} à l'écran « saisissez le code reçu par SMS ».
Impossible de télécharger mes documents : l'application exige un code SMS que je ne reçois pas.
Le code de vérification n'arrive pas sur mon téléphone, j'ai cliqué quinze fois sur « renvoyer le code ».
Depuis votre mise à jour, la double authentification ne fonctionne plus chez moi, aucun SMS.
Je dois signer mon avenant avant la fin du mois et le SMS de confirmation ne m'est jamais parvenu.
L'appli affiche « code envoyé » mais je ne reçois rien, mon numéro est pourtant le bon.
Plus moyen de me connecter depuis la mise à jour : j'attends un code SMS qui n'arrive pas.
Votre nouvelle application est inutilisable, le code à usage unique ne m'est jamais envoyé.
Je n'ai pas reçu le SMS avec le code pour valider la modification de kilométrage, et le lien expire dans 48 h.
Le code SMS arrive au bout d'une heure, alors qu'il n'est valable que 5 minutes.
J'ai essayé depuis deux téléphones différents : aucun code SMS depuis la mise à jour de l'espace client.
On me demande de confirmer mon identité par SMS pour télécharger mon échéancier, et rien n'arrive.
Depuis la dernière version de l'application, je ne peux plus accéder à mes contrats : l'étape du code SMS bloque tout.
L'espace client a changé et maintenant il faut un code par texto, que je ne reçois jamais.
Je suis à l'étranger et le code SMS ne me parvient pas, je ne peux plus rien faire sur mon compte.
Le numéro affiché pour l'envoi du code est un ancien numéro, et je ne peux pas le modifier sans... le code.
La mise à jour m'a déconnecté{e}, et pour me reconnecter il faut un code SMS qui n'arrive pas.
J'ai désinstallé et réinstallé l'application, toujours pas de code SMS.
Mon avenant kilométrique attend ma signature depuis une semaine parce que le code de signature n'arrive pas.
Impossible de récupérer l'attestation demandée par mon assureur : le code de sécurité par SMS ne fonctionne pas.
Ma fille et moi avons chacune un contrat chez vous et aucune de nous deux ne reçoit le code depuis la mise à jour.
Le message « code invalide ou expiré » s'affiche alors que je n'ai jamais reçu de code.
Depuis la mise à jour de l'appli du {date_maj}, je n'ai plus accès à rien.
Votre nouvelle appli me demande de valider par SMS, mais le SMS n'arrive jamais : comment je signe mon avenant ?
"""),
  core_en=L("""
Since the app update I no longer receive the SMS code to log in.
The verification text never arrives, so I can't sign my mileage amendment.
The new customer portal asks for a code by SMS that never comes.
I updated the app as requested and now I'm stuck on 'enter the code we sent you'.
I can't download my documents — the app wants a one-time code I never get.
I've hit 'resend code' about fifteen times. Nothing.
The code arrives an hour late and is only valid for five minutes.
I'm abroad and the SMS code doesn't reach me, so my account is useless.
The phone number the code goes to is an old one, and I can't change it without... the code.
Reinstalled the app twice, still no text message.
It says 'invalid or expired code' but I never received any code.
"""),
  detail=L("""
J'ai un iPhone 13 à jour.
Je suis sur un Samsung sous Android.
Mon numéro enregistré est bien le {tel}.
Je reçois pourtant les SMS de ma banque sans problème.
L'avenant doit être signé avant le {date_future}.
Tout fonctionnait très bien avant la mise à jour.
J'ai vérifié que je n'avais pas bloqué les SMS.
"""),
  detail_en=L("""
My registered number is {tel}.
It all worked fine before the update.
I get texts from my bank without any problem.
"""),
  ask=L("""
Merci de m'envoyer le document par mail en attendant.
Pouvez-vous me débloquer l'accès ou me proposer un autre moyen de validation ?
Merci de corriger le bug rapidement, je ne dois pas être le seul dans ce cas.
Comment signer l'avenant sans ce code ?
"""),
  ask_en=L("""
Please email me the document in the meantime.
Is there another way to validate?
Please fix this quickly.
"""),
  phone=L("""
ne reçoit pas le code SMS depuis la MAJ de l'appli
impossible de signer l'avenant km, code SMS jamais reçu
bloqué{e} à la connexion espace client, SMS de validation absent
ne peut pas télécharger ses documents, attend le code
a réinstallé l'appli, toujours pas de code
"""),
  chat=L("""
je recois pas le code sms
depuis la mise a jour de l'appli je peux plus me connecter
le code narrive jamais
comment je signe l'avenant sans le code ??
ca dit code envoyé mais j'ai rien
"""),
  subj=L("""
Code SMS non reçu
Problème application
Impossible de me connecter
Mise à jour appli
Code de validation
Avenant impossible à signer
Application bloquée
"""),
  subj_en=L("""
SMS code not received
App update problem
Can't log in
"""),
  sec=L("""
Et depuis la mise à jour de l'appli, je ne reçois plus le code SMS pour me connecter.
Je n'ai pas pu le télécharger moi-même : le code par SMS n'arrive jamais depuis la nouvelle version.
"""),
  sec_en=L("""
And since the app update the SMS code never arrives.
"""),
)

T(key="indemnite_resiliation_abusive", stage="resiliation", planted="intense", n=50, frus=1.0, rc=0.6,
  catchall=0.12, cats={"Résiliation": 5, "Réclamation": 4, "Contrat": 1},
  wrong=["Facturation", "Prélèvement", "Fin de contrat"],
  prods={"LLD": 5, "LOA": 4, "Crédit-bail pro": 1}, ev=0.15, chan={"email": 1.6, "chat": 0.4, "telephone": 0.8},
  shape="growing", kind="intense", size=None,
  desc_fr="Indemnité de résiliation anticipée jugée abusive après une perte d'emploi : messages très virulents et répétés, menaces d'avocat, de médiateur, de presse et d'associations de consommateurs.",
  desc_en="Early-termination penalty seen as abusive after job loss: very angry, repeated messages threatening lawyers, the ombudsman, the press and consumer associations.",
  core=L("""
Vous me réclamez {indemnite} d'indemnité de résiliation alors que je viens de perdre mon emploi, c'est honteux !
J'ai été licencié{e} et vous exigez {indemnite} pour reprendre une voiture que je ne peux plus payer. C'est de l'ESCROQUERIE.
Cette pénalité de résiliation anticipée est totalement abusive au regard de ma situation.
Je suis au chômage et vous voulez {indemnite} ? Vous vous moquez du monde !!!
Votre « indemnité de résiliation anticipée » représente presque un an de loyers, c'est scandaleux.
Personne ne m'avait expliqué à la signature qu'une résiliation me coûterait {indemnite}.
Licenciement économique, deux enfants, et FinAuto m'envoie une facture de {indemnite}. Bravo.
Je ne paierai PAS cette indemnité de résiliation, je vous le dis clairement.
Vous refusez de tenir compte de ma perte d'emploi et vous appliquez la pénalité maximale.
Je demande l'annulation de l'indemnité de résiliation, mon assurance perte d'emploi a été refusée sur un prétexte.
Votre calcul de l'indemnité ne respecte pas le plafond légal, mon avocat est formel.
J'ai rendu la voiture en parfait état et on me réclame encore {indemnite}, c'est du racket.
Vous profitez de la détresse des gens qui perdent leur travail. Lamentable.
On m'a conseillé de résilier pour éviter les impayés, et maintenant vous m'assommez avec {indemnite} de pénalités.
L'indemnité de résiliation est passée au recouvrement alors que ma contestation est en cours !
Sans emploi depuis {delai}, avec quoi voulez-vous que je paie ?
Je n'accepte pas cette pénalité. J'ai perdu mon emploi, pas ma dignité.
Vos conditions de résiliation sont abusives et je compte bien le faire reconnaître.
Entre l'indemnité et les loyers restants, vous me réclamez {indemnite} pour une voiture que vous avez récupérée !
Le conseiller m'avait affirmé au téléphone que la perte d'emploi permettait une résiliation sans frais. MENSONGE.
Aucune entreprise sérieuse ne traite ses clients comme ça après un licenciement.
Votre pénalité de résiliation m'enfonce un peu plus alors que je suis déjà à terre.
Je conteste cette indemnité de résiliation anticipée pour la dernière fois avant d'engager une procédure.
{indemnite} de pénalité après quatorze mois de paiements sans un seul retard, c'est comme ça que vous remerciez vos clients ?
Vous avez vendu la voiture aux enchères et vous me réclamez encore la différence plus une indemnité. INADMISSIBLE.
"""),
  core_en=L("""
You're asking me for {indemnite} in early termination fees after I lost my job. Shameful.
I was made redundant and you want {indemnite} to take back a car I can't afford. This is a scam.
This early termination penalty is completely abusive given my situation.
Nobody told me at signing that ending the contract would cost {indemnite}.
I will NOT pay this termination fee.
Your termination fee exceeds the legal cap, my lawyer says so.
You've passed the fee to debt collectors while my dispute is still open!
I've been unemployed for {delai_en}; what exactly do you expect me to pay with?
Your adviser told me on the phone that job loss meant no fees. That was a lie.
You sold the car at auction and still want the difference plus a penalty. Unbelievable.
"""),
  detail=L("""
J'ai rendu le véhicule le {date_old}, en parfait état.
Mon licenciement date du {date_old}, je vous ai envoyé la lettre.
Contrat {contrat}, client{e} depuis {annee}.
J'ai deux enfants à charge et plus aucun revenu.
"""),
  detail_en=L("""
I returned the car on {date_old_en} in perfect condition.
I sent you my redundancy letter.
"""),
  ask=L("""
J'exige l'annulation immédiate de cette indemnité.
Je veux une réponse écrite d'un responsable, pas un message automatique.
Revoyez votre position, ou j'irai jusqu'au bout.
"""),
  ask_en=L("""
I demand this fee be cancelled immediately.
I want a written answer from a manager, not an automated reply.
"""),
  phone=L("""
indemnité de résiliation {indemnite} jugée abusive, perte d'emploi, TRÈS énervé{e}
menace avocat + UFC-Que Choisir
appel de plus, aucune réponse écrite, menace médiateur
refuse de payer la pénalité, parle d'alerter la presse
client{e} en pleurs puis très en colère, licencié{e}, conteste l'indemnité
"""),
  chat=L("""
vous me reclamez {indemnite} alors que j'ai perdu mon travail
c'est une honte votre indemnité de résiliation
JE NE PAIERAI PAS
toujours aucune reponse a mes mails
"""),
  subj=L("""
INDEMNITÉ ABUSIVE
Contestation indemnité de résiliation
Résiliation suite licenciement
Pénalité scandaleuse
Mise en demeure
Dernier avertissement avant avocat
"""),
  subj_en=L("""
ABUSIVE TERMINATION FEE
Formal complaint
Final warning
"""),
  sec=[], sec_en=[],
)

T(key="recharge_ve_manquante", stage="livraison", planted="blind_spot", n=170, frus=0.6, rc=0.22, catchall=0.78,
  cats={"Livraison": 1}, wrong=["Livraison", "Entretien", "Assistance", "Contrat", "Réclamation", "Facturation"],
  prods={"LLD": 7, "LOA": 5, "Crédit-bail pro": 1}, ev=1.0,
  kind="blind_spot", size=None,
  desc_fr="Véhicules électriques livrés sans câble ou carte de recharge (ou avec un équipement qui ne fonctionne pas), et wallbox promise dans l'offre jamais installée ; tickets classés presque tous en Autre/Divers/sans catégorie.",
  desc_en="Electric vehicles delivered without a charging cable or charging card (or with one that doesn't work), and the home wallbox promised in the offer never installed; tickets almost all filed as Autre/Divers/uncategorised.",
  core=L("""
Ma {ev} a été livrée sans le câble de recharge Type 2 pourtant prévu dans l'offre.
La carte de recharge promise à la livraison ne m'a jamais été remise.
La wallbox incluse dans mon contrat n'a toujours pas été installée, {delai} après la livraison.
La carte de recharge fournie est refusée sur toutes les bornes publiques.
Le câble de recharge livré avec le véhicule ne fonctionne pas, la charge s'interrompt au bout de quelques minutes.
L'installateur de la borne devait me contacter après la livraison, je n'ai jamais eu d'appel.
Sans câble, je ne peux recharger la voiture que sur les superchargeurs, c'est intenable.
On m'a livré un câble domestique (prise classique) au lieu du câble pour borne.
Votre offre LLD mentionnait « borne de recharge à domicile incluse », le concessionnaire dit ne pas être au courant.
La carte de recharge est arrivée mais n'est pas activée : le réseau dit qu'elle n'est rattachée à aucun contrat.
Le technicien venu pour la wallbox est reparti en disant que FinAuto n'avait jamais validé le devis.
Je paie un loyer qui inclut la recharge et je recharge à mes frais depuis trois mois.
Le câble de recharge est resté chez le concessionnaire, qui refuse de me l'envoyer.
La borne installée chez moi ne reconnaît pas le véhicule, aucune charge ne démarre.
Le pack recharge figurant sur le bon de commande ({ref_cmd}) n'a jamais été livré.
L'installation de la wallbox a été repoussée quatre fois.
Je n'ai reçu ni badge de recharge ni identifiants pour l'application de recharge.
Le câble fourni est trop court pour atteindre la borne de mon parking.
On me facture la carte de recharge alors qu'elle devait être incluse dans la LLD.
On m'explique maintenant que la borne n'est pas prévue pour les copropriétés, ce n'est écrit nulle part dans l'offre.
Ma voiture électrique est livrée depuis un mois et je ne peux toujours pas la recharger chez moi.
Le câble de recharge a disparu entre la préparation et la livraison.
L'adaptateur pour les bornes rapides n'est pas dans le coffre.
La carte de recharge fonctionne une fois sur deux, je me suis retrouvé{e} bloqué{e} sur une aire d'autoroute.
Qui dois-je contacter pour l'installation de la borne ? Le concessionnaire me renvoie vers vous, et vous vers lui.
L'électricien envoyé par votre partenaire dit que mon tableau électrique doit être refait, à mes frais.
"""),
  core_en=L("""
My {ev} was delivered without the Type 2 charging cable that was in the offer.
I never got the charging card I was promised at handover.
The home wallbox included in my lease still hasn't been installed.
The charging card is rejected at every public charger I try.
The supplied cable stops charging after a few minutes.
The installer was supposed to call me after delivery; nobody ever did.
The dealer says they know nothing about the home charger in my contract.
The charging card came but was never activated.
I'm paying for a package that includes charging and I've been charging at my own expense for months.
The technician left saying FinAuto never approved the installation quote.
Nobody will tell me who's responsible for installing the charger.
"""),
  detail=L("""
Le véhicule a été livré le {date_old} chez {garage}.
J'ai une place de parking privative avec prise, l'installation est tout à fait possible.
En attendant, je recharge au travail ou sur des bornes payantes.
L'offre commerciale que j'ai signée mentionne bien « wallbox 7 kW installée ».
J'ai déjà dépensé près de {montant_recharge} en recharges publiques.
Immatriculation du véhicule : {plaque}.
"""),
  detail_en=L("""
The car was delivered on {date_old_en}.
I've already spent about {montant_recharge} on public charging.
"""),
  ask=L("""
Merci de m'envoyer le câble au plus vite.
Je demande le remboursement de mes frais de recharge.
Merci de me donner une date d'installation ferme.
Qui est responsable, et qui dois-je appeler ?
"""),
  ask_en=L("""
Please send the cable as soon as possible.
I want my charging costs reimbursed.
Who is responsible?
"""),
  phone=L("""
livré sans câble de recharge
carte de recharge jamais reçue
wallbox prévue dans l'offre non installée
carte de recharge refusée sur les bornes
installateur de la borne jamais rappelé
"""),
  chat=L("""
j'ai pas eu le cable de recharge avec la voiture
ma carte de recharge marche pas
la wallbox a jamais été installée
je peux pas charger ma voiture chez moi
"""),
  subj=L("""
Câble de recharge manquant
Carte de recharge
Installation borne
Wallbox
Recharge véhicule électrique
Problème de recharge
"""),
  subj_en=L("""
Missing charging cable
Charging card
Home charger installation
"""),
  sec=L("""
Par ailleurs, je n'ai toujours pas la carte de recharge promise.
Et la borne de recharge prévue n'a jamais été installée.
"""),
  sec_en=L("""
Also, I still don't have the charging card I was promised.
"""),
)


# ----------------------------------------------------------------------------------------------
# Generic phrase banks
# ----------------------------------------------------------------------------------------------

GREET_FR = [("Bonjour,", 40), ("Bonjour", 10), ("Madame, Monsieur,", 14), ("Bonjour Madame, Monsieur,", 5),
            ("Bonsoir,", 5), ("Bonjour {agent_civ_nom},", 3), ("Bonjour {agent_prenom},", 2), ("Madame,", 2),
            ("Monsieur,", 2), ("Bjr,", 2), ("Hello,", 1), ("Bonjour à vous,", 2), ("Messieurs,", 1),
            ("Bonjour le service client,", 2), ("Bonjour à toute l'équipe,", 1), ("Re-bonjour,", 1)]
GREET_EN = [("Hello,", 30), ("Hi,", 22), ("Dear Sir or Madam,", 14), ("Dear FinAuto team,", 6), ("Good morning,", 6),
            ("Hi there,", 5), ("To whom it may concern,", 4), ("Hello {agent_prenom},", 3), ("Dear Customer Service,", 4),
            ("Bonjour,", 6)]

CTX_FR = L("""
J'ai un contrat de {prod_long} chez vous depuis {annee} pour {une_vehicule}.
Je suis client{e} chez FinAuto depuis {annee} ({prod_court}, {vehicule}).
Je vous contacte au sujet de mon contrat n° {contrat}.
Contrat {contrat} - {vehicule} immatriculée {plaque}.
Référence de mon dossier : {contrat}.
Je m'appelle {nom} et je loue {une_vehicule} chez vous.
Je suis {nom}, titulaire du contrat {contrat}.
Mon numéro client est le {cli}.
N° client : {cli} / contrat : {contrat}
Je roule en {vehicule} ({plaque}), financée par FinAuto.
Client{e} depuis plusieurs années, c'est la première fois que je dois vous écrire.
Je me permets de vous écrire concernant ma {vehicule}.
Je vous écris au sujet de mon contrat {contrat} ({prod_court}).
J'ai financé ma {vehicule} chez vous en {annee}.
Titulaire du contrat {contrat}, je me permets de vous contacter.
Je suis locataire d'{une_vehicule} ({prod_court}) depuis {mois_debut} {annee}.
"""
)
CTX_PROSPECT_FR = L("""
Je m'appelle {nom} et j'habite à {ville}.
Je suis {nom}, déjà client{e} chez vous pour un autre véhicule ({contrat}).
Je me permets de vous contacter suite à une simulation sur votre site.
Le concessionnaire, {garage}, m'a orienté{e} vers vous.
Je suis actuellement en LOA chez vous ({contrat}) et je prépare la suite.
Première demande de financement pour moi, j'espère m'adresser au bon service.
""")
CTX_PENDING_FR = L("""
Je vous contacte au sujet de mon dossier de financement pour {une_vehicule}.
Ma commande concerne {une_vehicule}, chez {garage}.
Contrat {contrat} signé le {date_old}, véhicule : {vehicule}.
Je m'appelle {nom}, j'ai signé une {prod_court} pour {une_vehicule}.
Référence de mon dossier : {contrat}.
Je suis {nom}, n° client {cli}.
""")
CTX_PROSPECT_EN = L("""
My name is {nom}.
I'm looking to lease a car in France.
The dealer, {garage}, referred me to you.
My order is for {a_vehicule} from {garage}.
""")
CTX_FR_PRO = L("""
Nous avons {une_vehicule} en {prod_court} pour notre société ({societe}).
Je vous écris pour le compte de la société {societe}, titulaire du contrat {contrat}.
Gérant de {societe}, j'ai un contrat de crédit-bail chez vous ({contrat}).
""")
CTX_EN = L("""
I have a lease with you ({contrat}) for {a_vehicule}.
I'm an expat living in {ville} and I lease {a_vehicule} through FinAuto.
My contract number is {contrat}.
Customer number {cli}.
My name is {nom} and I have a contract with you for {a_vehicule}.
Sorry, my French isn't good enough so I'm writing in English.
I moved to France last year for work and lease my car from you.
I've been a FinAuto customer since {annee} ({prod_en}).
Contract ref: {contrat}, car reg {plaque}.
""")

ASK_FR = L("""
Merci de me rappeler au {tel}.
Pouvez-vous me répondre rapidement ?
Merci de faire le nécessaire.
J'attends votre retour.
Je reste joignable au {tel} pour toute question.
Vous pouvez me joindre par mail : {email}
Merci de me tenir informé{e}.
Pouvez-vous me recontacter ?
Merci de traiter ma demande en priorité.
Merci de m'apporter une réponse claire.
""")
ASK_EN = L("""
Please call me back on {tel}.
Could you reply as soon as possible?
Please sort this out.
I look forward to hearing from you.
You can reach me at {email}.
Please keep me posted.
""")
EMO_FR = L("""
Je suis vraiment déçu{e} par votre service.
C'est inadmissible.
Je commence sérieusement à perdre patience.
Client{e} depuis des années, je n'ai jamais été aussi mal traité{e}.
Si rien n'est fait rapidement, je changerai d'organisme pour mon prochain véhicule.
Vous rendez-vous compte de la situation dans laquelle vous me mettez ?
Franchement, je ne comprends pas comment une entreprise comme la vôtre peut fonctionner ainsi.
Je ne vais pas lâcher l'affaire.
Ça devient vraiment pénible.
Je suis à bout.
Je trouve ça scandaleux.
Merci de prendre ma demande au sérieux cette fois.
Je n'ai pas de temps à perdre avec ça.
C'est quand même incroyable de devoir réclamer pour ça.
""")
EMO_EN = L("""
I'm really disappointed with the service.
This is unacceptable.
I'm losing patience.
Honestly, I expected better.
If this isn't resolved I'll take my business elsewhere.
This is beyond frustrating.
""")
HIST_FR = L("""
J'ai appelé votre service client le {date_prev_any}, on m'a promis un rappel sous 48 heures. Personne ne m'a rappelé{e}.
Le conseiller que j'ai eu au téléphone, {agent_prenom}, a été aimable mais n'a rien pu faire de concret.
J'ai envoyé un premier mail, puis un courrier, sans aucune réponse.
À chaque appel, je dois tout réexpliquer depuis le début à un interlocuteur différent.
On m'a d'abord dit que c'était en cours de traitement, puis que le dossier était clos, puis qu'il n'existait pas.
J'ai passé plus de deux heures au téléphone cette semaine, entre l'attente et les transferts.
Votre serveur vocal me renvoie systématiquement vers la FAQ du site, qui ne répond pas à ma question.
Je suis aussi passé{e} chez le concessionnaire, qui m'a dit de voir directement avec vous.
Suite à mon échange avec {agent_prenom}, on m'avait assuré que le nécessaire serait fait dans la semaine.
""")
HIST_EN = L("""
I called your customer service on {date_prev_any_en} and was promised a callback within 48 hours. Nobody called.
Every time I call I have to explain everything again from scratch.
The person I spoke to, {agent_prenom}, was friendly but couldn't actually do anything.
I've sent an email and a letter and heard nothing back.
""")
LIFE_FR = L("""
J'utilise ce véhicule tous les jours pour aller travailler à {ville}.
Je travaille en horaires décalés et je n'ai pas d'autre moyen de transport.
Nous sommes une famille de quatre et c'est notre seule voiture.
Je suis artisan et le véhicule est mon outil de travail.
Je suis retraité{e} et je n'ai pas l'habitude de ce genre de démarches.
J'ai choisi FinAuto sur les conseils de mon entourage, qui en était satisfait.
Je fais environ 80 km par jour pour mon travail.
""")
LIFE_EN = L("""
I use the car every day to commute to {ville}.
It's our only car and we have two young children.
I'm self-employed and the van is my livelihood.
""")

RC2_FR = L("""
Je vous ai déjà écrit le {date_prev} à ce sujet et je n'ai eu aucune réponse.
Relance de ma demande du {date_prev}.
Je reviens vers vous car ma demande du {date_prev} est restée sans suite.
Suite à mon appel du {date_prev}, je n'ai toujours aucune nouvelle.
Toujours pas de réponse à mon message précédent.
Deuxième message sur le même sujet.
Vous m'aviez promis un rappel après mon appel du {date_prev}, rien.
Je me permets de vous relancer concernant ma demande {ref_ticket_prev}.
Suite à notre échange téléphonique avec {agent_prenom}, je vous renvoie les informations.
Je vous relance, le problème n'est toujours pas réglé.
""")
RC3_FR = L("""
{n}e relance !
C'est la {n}e fois que je vous écris à ce sujet.
Troisième message et toujours RIEN.
Cela fait maintenant {jours} jours que j'attends une réponse.
Je relance ENCORE une fois.
Toujours aucune réponse malgré mes relances, la dernière datant du {date_prev}.
Je vous ai écrit le {date_first} puis le {date_prev}, et toujours pas de réponse.
Encore moi, toujours pour le même problème.
""")
RC_EN = L("""
I already wrote to you on {date_prev_en} and got no reply.
Following up on my message of {date_prev_en}.
Still no answer to my previous message.
Chasing this up again.
This is my {ordinal_en} message about this.
""")
SHORT_FR = L("""
toujours rien ???
Toujours pas de réponse.
rappelez moi svp
Des nouvelles de mon dossier ?
Je relance ma demande.
Quelqu'un peut me répondre ?
toujours en attente de votre retour
Merci de me répondre !!
Relance
Alors ???
ça avance ?
Je n'ai toujours rien reçu.
Pouvez-vous me rappeler svp
Toujours aucune nouvelle depuis le {date_prev}.
toujours rien depuis mon mail du {date_prev}
Merci de me rappeler au {tel}
Je n'ai eu aucun retour.
""")
SHORT_EN = L("""
still nothing??
any update?
please call me back
Still waiting for a reply.
Chasing this again.
Hello? Anyone?
no news since {date_prev_en}
""")

CLOSE_FR = [("Cordialement,", 34), ("Cordialement", 10), ("Cdt", 3), ("Bien à vous,", 7), ("Bien cordialement,", 8),
            ("Merci d'avance,", 6), ("Merci par avance pour votre retour.", 5), ("Dans l'attente de votre réponse,", 5),
            ("Salutations.", 3), ("Je vous remercie.", 4), ("Sincères salutations", 2), ("Merci", 5),
            ("Veuillez agréer, Madame, Monsieur, l'expression de mes salutations distinguées.", 3),
            ("Bonne journée", 3), ("Merci de votre compréhension.", 2)]
CLOSE_EN = [("Kind regards,", 30), ("Best regards,", 15), ("Regards,", 12), ("Thanks,", 12), ("Many thanks,", 6),
            ("Cheers,", 5), ("Best,", 8), ("Thank you in advance,", 6), ("Looking forward to your reply,", 4)]
DEVICE_FR = [("Envoyé de mon iPhone", 45), ("Envoyé depuis mon smartphone Samsung Galaxy", 15),
             ("Envoyé à partir de Outlook pour Android", 12), ("Provenance : Courrier pour Windows", 6),
             ("Envoyé de mon iPad", 6), ("Sent from my iPhone", 10), ("Téléchargez Outlook pour Android", 3),
             ("-- \nEnvoyé avec Mail Orange", 3)]
DEVICE_EN = [("Sent from my iPhone", 55), ("Sent from Outlook for Android", 15), ("Sent from my Galaxy", 15),
             ("Get Outlook for iOS", 10), ("Sent from Yahoo Mail on Android", 5)]

USELESS_SUBJ_FR = [("Réclamation", 10), ("URGENT", 8), ("RE: votre dossier", 6), ("(sans objet)", 6), ("Demande", 6),
                   ("Question", 5), ("Mon contrat", 6), ("Suite à notre conversation", 3), ("Bonjour", 4),
                   ("Problème", 5), ("Demande d'information", 5), ("Contrat {contrat}", 8), ("Dossier {cli}", 4),
                   ("{NOM_prenom}", 3), ("Réclamation - {plaque}", 2), ("Important", 3), ("Relance", 4),
                   ("Mon véhicule", 3), ("Appelez-moi svp", 2), ("Fwd: ", 1), ("Réclamation client", 3),
                   ("A l'attention du service client", 2), ("!!!", 1), ("Suite", 1)]
USELESS_SUBJ_EN = [("Complaint", 10), ("URGENT", 6), ("Re: your file", 5), ("(no subject)", 5), ("Question", 6),
                   ("My contract", 6), ("Help", 4), ("Contract {contrat}", 5), ("Request", 4)]
WEB_DROPDOWN = [("Ma facture / mes prélèvements", 18), ("Mon contrat", 22), ("Mon véhicule", 14),
                ("Fin de contrat", 8), ("Sinistre / Assistance", 8), ("Autre demande", 18), ("Réclamation", 10),
                ("Mon espace client", 6), ("Demande de devis", 4)]
DROPDOWN_BY_STAGE = {
    "decouverte_devis": ["Demande de devis", "Autre demande"],
    "souscription": ["Mon contrat", "Mon espace client", "Autre demande"],
    "livraison": ["Mon véhicule", "Mon contrat", "Autre demande"],
    "facturation_prelevements": ["Ma facture / mes prélèvements", "Mon contrat", "Réclamation"],
    "entretien_reparation": ["Mon véhicule", "Sinistre / Assistance", "Autre demande"],
    "panne_assistance": ["Sinistre / Assistance", "Réclamation", "Mon véhicule"],
    "sinistre": ["Sinistre / Assistance", "Mon véhicule"],
    "fin_contrat_restitution": ["Fin de contrat", "Ma facture / mes prélèvements", "Réclamation"],
    "resiliation": ["Mon contrat", "Réclamation", "Fin de contrat"],
}

CARD_FR = L("""
Je peux régler immédiatement par carte, voici le numéro : {carte}
Vous pouvez rembourser directement sur ma carte bancaire n° {carte}.
Mon numéro de carte pour le paiement : {carte} (je vous donnerai le cryptogramme par téléphone).
Pour aller plus vite, débitez ma carte {carte} et n'en parlons plus.
""")
CARD_EN = L("""
You can refund straight to my card {carte}.
Happy to pay by card: {carte}.
""")

THREAT1_FR = L("""
Je vous demande de revoir votre position immédiatement.
Je n'en resterai pas là.
Si rien ne bouge, je résilierai TOUS mes contrats chez vous.
Je vais faire savoir autour de moi comment vous traitez vos clients.
Je me réserve le droit de saisir le médiateur.
""")
THREAT2_FR = L("""
Sans réponse sous 8 jours, je saisis le médiateur.
Je vais résilier tout ce que j'ai chez vous et le faire savoir.
J'ai pris contact avec l'UFC-Que Choisir, qui trouve cette clause très discutable.
Je vais consulter un avocat.
Je prépare un courrier à 60 Millions de consommateurs.
""")
THREAT3_FR = L("""
Mon avocat est désormais saisi du dossier.
L'UFC-Que Choisir m'accompagne et confirme le caractère abusif de la clause.
J'ai écrit à 60 Millions de consommateurs et à la presse locale, ils sont très intéressés.
Je saisis le médiateur et je signale votre pratique à la DGCCRF.
Je publierai mon histoire sur les réseaux sociaux et sur tous les sites d'avis.
Dernier avertissement avant assignation.
Un journaliste de la presse régionale m'a contacté{e}, je vais lui raconter votre façon de faire.
""")
THREAT_EN = L("""
I'll be cancelling every product I hold with you.
My lawyer is now handling this.
I'm taking this to the ombudsman and the consumer press.
I'll be posting about this everywhere.
Consider this my final warning before legal action.
""")

PHONE_VERBS = {"conteste", "demande", "dde", "souhaite", "veut", "a", "attend", "ne", "n'a", "se", "compare",
               "refuse", "menace", "toujours", "signale", "appelle", "pro", "infos", "questions", "renseignements",
               "impossible", "client", "cliente", "même"}
PHONE_OPEN = [("{Client} appelle pour", 20), ("{Client} appelle :", 8), ("Appel {client} -", 6),
              ("Appel entrant, {client} signale", 6), ("{Civ} {nom_seul} appelle pour", 9),
              ("Appel de {Civ} {nom_seul} :", 5), ("{Civ} {nom_seul} au tél,", 3), ("Cl. appelle,", 5),
              ("Appel du {ddmm} :", 3), ("", 14), ("{Client} en ligne,", 3), ("Appel {Civ} {prenom_nom} -", 2)]
PHONE_OPEN_RC = [("Rappel {client} suite ticket {ref_ticket_prev} :", 6), ("{Client} rappelle,", 8),
                 ("{Civ} {nom_seul} rappelle, {n}e appel :", 6), ("Nouvel appel {client},", 4)]
PHONE_MOOD = [("très mécontent{e}", 14), ("ton agressif", 5), ("calme", 6), ("pressé{e}", 4),
              ("demande à parler à un responsable", 6), ("menace de réclamation écrite", 4), ("inquiet{e}", 4),
              ("client{e} fidèle, souhaite un geste co", 3), ("énervé{e}", 6), ("courtois{e} mais ferme", 3)]
PHONE_ACTION = [("rappel demandé", 14), ("rappel souhaité avant {heure_rappel}", 5), ("transmis au service concerné", 10),
                ("escaladé N2", 6), ("ticket créé, transmis back-office", 6), ("informé{e} délai 5 j ouvrés", 5),
                ("mail récap envoyé", 5), ("vérif en cours", 5), ("demande confirmation écrite", 4),
                ("à rappeler au {tel}", 3), ("RAS", 2), ("lui ai donné la marche à suivre", 4),
                ("dossier mis à jour", 3)]
PHONE_EXTRA = [("ctrt {contrat}", 10), ("véh. {vehicule} {plaque}", 5), ("n° cli {cli}", 5), ("tél {tel}", 4),
               ("mail {email}", 2)]

CHAT_OPEN_FR = [("bonjour", 20), ("bjr", 10), ("Bonjour", 16), ("bonsoir", 5), ("hello", 3), ("slt", 2),
                ("Bonjour, j'ai une question", 4), ("bonjour jai un souci", 5), ("", 20)]
CHAT_CLOSE_FR = [("merci", 20), ("merci bcp", 6), ("ok merci", 8), ("d'accord merci", 4), ("bonne journée", 4),
                 ("ok", 5), ("merci d'avance", 5), ("", 40)]
CHAT_ASK_FR = [("vous pouvez regarder svp", 10), ("c urgent", 6), ("qqn peut m'aider ?", 6), ("je fais comment ?", 8),
               ("vous pouvez me rappeler ?", 6), ("mon num c'est le {tel}", 4), ("mon contrat c {contrat}", 5),
               ("", 40)]
CHAT_OPEN_EN = [("hi", 20), ("hello", 15), ("Hi there", 6), ("Hello, do you speak English?", 8), ("", 15)]
CHAT_CLOSE_EN = [("thanks", 15), ("thx", 6), ("ok thank you", 8), ("", 30)]
CHAT_AGENT_FR = L("""
Bonjour, je suis {agent_prenom}, {agent_conseiller} FinAuto. Comment puis-je vous aider ?
Je consulte votre dossier, un instant svp.
Pouvez-vous me communiquer votre numéro de contrat ?
Je comprends, je regarde ce qu'il en est.
Je transmets votre demande au service concerné, vous serez recontacté{e} sous 48h.
C'est noté, un conseiller reviendra vers vous par mail.
""")
CHAT_AGENT_EN = L("""
Hello, this is {agent_prenom} from FinAuto. How can I help?
Let me check your file, one moment please.
I'll pass this on to the relevant team; you'll hear back within 48 hours.
""")

QUOTE_BODIES_FR = [
    "Madame, Monsieur,\n\nNous avons bien reçu votre demande et nous vous en remercions. Celle-ci a été transmise au "
    "service concerné, qui reviendra vers vous dans les meilleurs délais.\n\nCordialement,\nLe Service Client FinAuto",
    "Bonjour {Civ} {nom_seul},\n\nSuite à votre demande, je vous informe que votre dossier est en cours de "
    "traitement. Nous ne manquerons pas de vous tenir informé{e}.\n\nBien cordialement,\n{agent_prenom}\n"
    "{agent_conseiller_cap} Service Client FinAuto",
    "Bonjour,\n\nAfin de traiter votre demande, merci de nous communiquer votre numéro de contrat ainsi qu'une "
    "copie de votre pièce d'identité.\n\nL'équipe FinAuto",
    "{Civ} {nom_seul},\n\nNous accusons réception de votre réclamation. Conformément à nos engagements, une réponse "
    "vous sera apportée sous 10 jours ouvrés.\n\nService Réclamations FinAuto",
    "Bonjour {Civ} {nom_seul},\n\nNous sommes désolés pour la gêne occasionnée. Après vérification, nous revenons "
    "vers vous très prochainement.\n\n{agent_prenom} {agent_nom}\nFinAuto - Relation Clientèle",
    "Ceci est un message automatique, merci de ne pas y répondre.\nVotre demande n° {ref_ticket_prev} a bien été "
    "enregistrée.",
]
QUOTE_BODIES_EN = [
    "Dear customer,\n\nThank you for contacting FinAuto. Your request has been forwarded to the relevant team, who "
    "will get back to you as soon as possible.\n\nKind regards,\nFinAuto Customer Service",
    "Hello {prenom},\n\nWe're sorry for the inconvenience. Your file is being reviewed and we'll be in touch "
    "shortly.\n\nBest regards,\n{agent_prenom}\nFinAuto Customer Care",
]


# ----------------------------------------------------------------------------------------------
# Formatting helpers for non-PII look-alikes (amounts, dates, kilometres)
# ----------------------------------------------------------------------------------------------

def _thousands(n: int, sep: str) -> str:
    s = f"{n:d}"
    out = ""
    while len(s) > 3:
        out = sep + s[-3:] + out
        s = s[:-3]
    return s + out


def fmt_eur(rng: random.Random, x: float, en: bool = False, cents: bool | None = None) -> str:
    if cents is None:
        cents = abs(x - round(x)) > 0.004
    euros = int(x)
    c = int(round((x - euros) * 100))
    if en:
        style = wchoice(rng, {"€x": 50, "x EUR": 15, "EUR x": 10, "x€": 10, "x euros": 15})
        num = _thousands(euros, ",") + (f".{c:02d}" if cents else "")
        return {"€x": f"€{num}", "x EUR": f"{num} EUR", "EUR x": f"EUR {num}", "x€": f"{num}€",
                "x euros": f"{num} euros"}[style]
    sep = wchoice(rng, {" ": 60, "": 30, ".": 10}) if euros >= 1000 else ""
    dec = "," if rng.random() < 0.88 else "."
    num = _thousands(euros, sep) + (f"{dec}{c:02d}" if cents else "")
    style = wchoice(rng, {"x €": 50, "x€": 18, "x euros": 20, "x EUR": 5, "x eur": 4, "x e": 3})
    return style.replace("x", num, 1) if style != "x e" else f"{num} e"


def fmt_km(rng: random.Random, km: int, en: bool = False) -> str:
    if en:
        return f"{_thousands(km, ',')} km"
    sep = wchoice(rng, {" ": 65, "": 20, ".": 15})
    unit = wchoice(rng, {" km": 80, "km": 10, " kms": 7, " kilomètres": 3})
    return _thousands(km, sep) + unit


def fmt_date_fr(rng: random.Random, d: dt.date) -> str:
    style = wchoice(rng, {"dd/mm": 28, "dd/mm/yyyy": 30, "d mois": 30, "d mois yyyy": 6, "dd.mm.yy": 3, "d/m": 3})
    if style == "dd/mm":
        return f"{d.day:02d}/{d.month:02d}"
    if style == "dd/mm/yyyy":
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if style == "d mois":
        return f"{'1er' if d.day == 1 else d.day} {MONTHS_FR[d.month - 1]}"
    if style == "d mois yyyy":
        return f"{d.day} {MONTHS_FR[d.month - 1]} {d.year}"
    if style == "dd.mm.yy":
        return f"{d.day:02d}.{d.month:02d}.{d.year % 100:02d}"
    return f"{d.day}/{d.month}"


def fmt_date_en(rng: random.Random, d: dt.date) -> str:
    style = wchoice(rng, {"d Month": 40, "Month d": 20, "dd/mm": 20, "d Mon": 10, "dd/mm/yyyy": 10})
    if style == "d Month":
        return f"{d.day} {MONTHS_EN[d.month - 1]}"
    if style == "Month d":
        return f"{MONTHS_EN[d.month - 1]} {d.day}"
    if style == "dd/mm":
        return f"{d.day:02d}/{d.month:02d}"
    if style == "d Mon":
        return f"{d.day} {MONTHS_EN[d.month - 1][:3]}"
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def fmt_hour(rng: random.Random, h: int, m: int, en: bool = False) -> str:
    if en:
        suffix = "am" if h < 12 else "pm"
        hh = h if h <= 12 else h - 12
        return f"{hh}:{m:02d}{suffix}" if rng.random() < 0.6 else f"{hh}.{m:02d} {suffix}"
    style = wchoice(rng, {"7h15": 60, "7 h 15": 10, "07:15": 15, "7h": 15})
    if style == "7h" and m == 0:
        return f"{h}h"
    if style == "7h":
        return f"{h}h{m:02d}"
    if style == "7 h 15":
        return f"{h} h {m:02d}"
    if style == "07:15":
        return f"{h:02d}:{m:02d}"
    return f"{h}h{m:02d}"


# ----------------------------------------------------------------------------------------------
# Noise: applied to text segments between PII placeholders only
# ----------------------------------------------------------------------------------------------

WORD_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
AZERTY = {"a": "zq", "z": "aes", "e": "zrd", "r": "etf", "t": "ryg", "y": "tuh", "u": "yij", "i": "uok", "o": "ipl",
          "p": "om", "q": "asw", "s": "qdz", "d": "sfe", "f": "dgr", "g": "fht", "h": "gjy", "j": "hku", "k": "jli",
          "l": "kmo", "m": "lp", "w": "xq", "x": "wc", "c": "xv", "v": "cb", "b": "vn", "n": "b"}
QWERTY = {"a": "sq", "s": "ad", "d": "sf", "f": "dg", "g": "fh", "h": "gj", "j": "hk", "k": "jl", "l": "k",
          "q": "wa", "w": "qe", "e": "wr", "r": "et", "t": "ry", "y": "tu", "u": "yi", "i": "uo", "o": "ip", "p": "o",
          "z": "x", "x": "zc", "c": "xv", "v": "cb", "b": "vn", "n": "bm", "m": "n"}
ABBREV_FR = [
    (r"\bs['’]il vous pla[iî]t\b", "svp", 1), (r"\bs['’]il te pla[iî]t\b", "stp", 1),
    (r"\brendez-vous\b", "rdv", 1), (r"\btoujours\b", "tjrs", 1), (r"\bcordialement\b", "cdt", 1),
    (r"\bbeaucoup\b", "bcp", 1), (r"\bquand\b", "qd", 2), (r"\bpour\b", "pr", 2), (r"\bvous\b", "vs", 2),
    (r"\bquelque chose\b", "qqch", 2), (r"\baujourd['’]hui\b", "auj", 2), (r"\bdésolée?\b", "dsl", 2),
    (r"\btéléphone\b", "tel", 1), (r"\bpourquoi\b", "pq", 2), (r"\bparce que\b", "pcq", 2),
    (r"\bc['’]est\b", "c", 2), (r"\bmessage\b", "msg", 2), (r"\bquelqu['’]un\b", "qqn", 2),
    (r"\bd['’]accord\b", "dac", 2), (r"\bj['’]ai\b", "jai", 2), (r"\bnuméro\b", "num", 2),
    (r"\bbonjour\b", "bjr", 2), (r"\bprélèvement\b", "prlvt", 2), (r"\bmonsieur\b", "mr", 2),
    (r"\bmadame\b", "mme", 2), (r"\bje suis\b", "jsuis", 2),
]
ABBREV_FR_C = [(re.compile(p, re.IGNORECASE), r, lvl) for p, r, lvl in ABBREV_FR]
ABBREV_AGENT = [(re.compile(p, re.IGNORECASE), r) for p, r in [
    (r"\bclient(e)?\b", "cl."), (r"\bcontrat\b", "ctrt"), (r"\bprélèvement\b", "prlv"), (r"\bdemande\b", "dde"),
    (r"\bremboursement\b", "rbt"), (r"\bvéhicule\b", "véh."), (r"\bproblème\b", "pb"), (r"\btéléphone\b", "tél"),
    (r"\bconcession\b", "conces."), (r"\bpour\b", "pr"), (r"\baujourd'hui\b", "ajd"), (r"\bavec\b", "av")]]
ABBREV_EN = [(re.compile(p, re.IGNORECASE), r, lvl) for p, r, lvl in [
    (r"\bplease\b", "pls", 1), (r"\bthanks\b", "thx", 1), (r"\byou\b", "u", 2), (r"\bdon't\b", "dont", 1),
    (r"\bcan't\b", "cant", 1), (r"\bI'm\b", "im", 2), (r"\bit's\b", "its", 1), (r"\bwon't\b", "wont", 1),
    (r"\bas soon as possible\b", "asap", 1), (r"\bbecause\b", "bc", 2)]]
EMPHATIC = ["jamais", "toujours", "rien", "inadmissible", "scandaleux", "urgent", "aucune", "aucun", "remboursement",
            "deux fois", "honteux", "pas", "encore", "immédiatement", "double", "never", "still", "nothing", "twice",
            "unacceptable", "refund", "now", "abusive", "personne", "vol", "moi"]


def split_ph(text: str) -> list[str]:
    """Alternate [text, placeholder, text, ...] segments."""
    return re.split("(\ue000\\d+\ue001)", text)


def map_text(text: str, fn) -> str:
    parts = split_ph(text)
    return "".join(fn(p) if i % 2 == 0 else p for i, p in enumerate(parts))


def typo(word: str, rng: random.Random, keys: dict = AZERTY) -> str:
    if len(word) < 4 or not word.isalpha():
        return word
    i = rng.randrange(1, len(word) - 1)
    op = rng.choice(["swap", "drop", "double", "near", "near"])
    if op == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if op == "drop":
        return word[:i] + word[i + 1:]
    if op == "double":
        return word[:i] + word[i] + word[i:]
    low = word[i].lower()
    if low in keys:
        return word[:i] + rng.choice(keys[low]) + word[i + 1:]
    return word


def noise_words(seg: str, rng: random.Random, p_accent: float, p_typo: float, keys: dict = AZERTY) -> str:
    def repl(m):
        w = m.group(0)
        if p_accent and rng.random() < p_accent:
            w = strip_accents(w)
        if p_typo and rng.random() < p_typo:
            w = typo(w, rng, keys)
        return w
    return WORD_RE.sub(repl, seg)


def apply_abbrev(seg: str, rng: random.Random, level: int, table) -> str:
    if level <= 0:
        return seg
    p = 0.35 if level == 1 else 0.65
    for rx, rep, lvl in table:
        if lvl > level:
            continue
        seg = rx.sub(lambda m, rep=rep: rep if rng.random() < p else m.group(0), seg)
    return seg


def drop_negation(seg: str, rng: random.Random, p: float) -> str:
    seg = re.sub(r"\b([Jj])e n['’]", lambda m: (m.group(1) + "'") if rng.random() < p else m.group(0), seg)
    seg = re.sub(r"\b([Cc])e n['’]est\b", lambda m: (m.group(1) + "'est") if rng.random() < p else m.group(0), seg)
    seg = re.sub(r"\bne ([^\W\d_]+) (pas|plus|jamais|rien)\b",
                 lambda m: f"{m.group(1)} {m.group(2)}" if rng.random() < p else m.group(0), seg)
    seg = re.sub(r"\bn['’]([^\W\d_]+) (pas|plus|jamais|rien)\b",
                 lambda m: f"{m.group(1)} {m.group(2)}" if rng.random() < p else m.group(0), seg)
    return seg


def punct_noise(seg: str, rng: random.Random, style: str) -> str:
    if style == "sparse":
        seg = re.sub(r"\.(\s)", lambda m: m.group(1) if rng.random() < 0.55 else m.group(0), seg)
        seg = re.sub(r",(?=\s)", lambda m: "" if rng.random() < 0.4 else ",", seg)
        seg = re.sub(r"\.$", lambda m: "" if rng.random() < 0.6 else ".", seg)
        seg = seg.replace(" ?", "?").replace(" !", "!") if rng.random() < 0.5 else seg
    elif style == "excess":
        seg = re.sub(r"\?", lambda m: rng.choice(["?", "??", "???", " ?!"]), seg)
        seg = re.sub(r"!", lambda m: rng.choice(["!", "!!", "!!!"]), seg)
        seg = re.sub(r"\.(\s|$)", lambda m: ("!" + m.group(1)) if rng.random() < 0.2 else m.group(0), seg)
    return seg


def caps_noise(seg: str, rng: random.Random, p: float) -> str:
    def repl(m):
        return m.group(0).upper() if rng.random() < p else m.group(0)
    rx = re.compile(r"\b(" + "|".join(re.escape(w) for w in EMPHATIC) + r")\b", re.IGNORECASE)
    return rx.sub(repl, seg)


def to_html(text: str, rng: random.Random) -> str:
    entities = rng.random() < 0.65
    ent_map = {"é": "&eacute;", "è": "&egrave;", "à": "&agrave;", "ê": "&ecirc;", "ç": "&ccedil;", "ô": "&ocirc;",
               "î": "&icirc;", "û": "&ucirc;", "É": "&Eacute;", "’": "&rsquo;", "«": "&laquo;", "»": "&raquo;",
               "€": "&euro;"}

    def esc(seg: str) -> str:
        seg = seg.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if entities:
            seg = "".join(ent_map.get(ch, ch) for ch in seg)
        seg = re.sub(r" ([?!:;»])", lambda m: "&nbsp;" + m.group(1), seg)
        return seg
    text = map_text(text, esc)
    paras = text.split("\n\n")
    if rng.random() < 0.3 and len(paras) > 1:
        k = rng.randrange(len(paras))
        m = re.match(r"^([^\n.!?]{8,120}[.!?])", paras[k])
        if m and PH_OPEN not in m.group(1):
            paras[k] = "<b>" + m.group(1) + "</b>" + paras[k][len(m.group(1)):]
    style = wchoice(rng, {"p": 45, "div": 30, "br": 25})
    if style == "p":
        return "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paras)
    if style == "div":
        return "<div>" + "</div><div><br></div><div>".join(p.replace("\n", "<br>") for p in paras) + "</div>"
    return "<br><br>".join(p.replace("\n", "<br>\n") for p in paras)


# ----------------------------------------------------------------------------------------------
# Per-ticket rendering context
# ----------------------------------------------------------------------------------------------

PROD_LONG = {"LOA": ["location avec option d'achat", "LOA"], "LLD": ["location longue durée", "LLD"],
             "Crédit auto": ["crédit auto", "crédit"], "Crédit-bail pro": ["crédit-bail", "crédit-bail"],
             "Assurance emprunteur": ["crédit auto avec assurance emprunteur", "crédit auto"],
             "Entretien+": ["LLD avec Entretien+", "LLD"]}
PROD_COURT = {"LOA": "LOA", "LLD": "LLD", "Crédit auto": "crédit auto", "Crédit-bail pro": "crédit-bail",
              "Assurance emprunteur": "crédit auto", "Entretien+": "LLD"}
PROD_EN = {"LOA": "lease with purchase option", "LLD": "long-term lease", "Crédit auto": "car loan",
           "Crédit-bail pro": "business lease", "Assurance emprunteur": "car loan", "Entretien+": "lease"}


MATTER_SLOTS = {"frais_rejet", "frais_gestion", "montant_fre", "indemnite", "montant_km", "montant_facture",
                "montant_solde", "montant_regul", "montant_pv", "montant_depannage", "montant_devis_garage",
                "franchise", "montant_recharge", "montant_loc", "montant_taxi"}


class Ctx:
    def __init__(self, plan: dict, rng: random.Random, topics: dict):
        self.p = plan
        self.rng = rng
        self.c = plan["cust"]
        self.topic = topics[plan["topic"]]
        self.topics = topics
        self.en = plan["lang"] == "en"
        self.dt = plan["dt"]
        self.d = self.dt.date()
        self.cache: dict[str, str] = {}
        self.pii: list[tuple[str, str]] = []
        self.lower_idx: set[int] = set()
        self.agent = plan["agent"]

    # -- placeholders
    def ph(self, kind: str, value: str) -> str:
        assert value and "\n" not in value and value == value.strip(), (kind, value)
        self.pii.append((kind, value))
        return f"{PH_OPEN}{len(self.pii) - 1}{PH_CLOSE}"

    def fill(self, template: str) -> str:
        if self.c["veh_masc"]:
            template = re.sub(r"\b(une|ma|la|Une|Ma|La) \{vehicule\}",
                              lambda m: {"une": "un", "ma": "mon", "la": "le", "Une": "Un", "Ma": "Mon",
                                         "La": "Le"}[m.group(1)] + " {vehicule}", template)
            template = template.replace("{vehicule} immatriculée", "{vehicule} immatriculé")
        return SLOT_RE.sub(lambda m: self.slot(m.group(1)), template)

    def slot(self, name: str) -> str:
        if name not in self.cache:
            self.cache[name] = self._slot(name)
        return self.cache[name]

    def _date(self, d: dt.date) -> str:
        return fmt_date_en(self.rng, d) if self.en else fmt_date_fr(self.rng, d)

    def _slot(self, name: str) -> str:  # noqa: C901 - one flat table is the clearest
        rng, c, d = self.rng, self.c, self.d
        fem = c["gender"] == "f"
        agent_first, agent_last, agent_g = self.agent
        if name == "e":
            return "e" if fem else ""
        if name == "Civ":
            return "Mme" if fem else "M."
        if name == "Client":
            return "Cliente" if fem else "Client"
        if name == "client":
            return "cliente" if fem else "client"
        if name == "nom":
            return self.ph("NAME", f"{c['first']} {c['last']}")
        if name == "prenom_nom":
            return self.slot("nom")
        if name == "nom_seul":
            return self.ph("NAME", c["last"])
        if name == "prenom":
            return self.ph("NAME", c["first"])
        if name == "NOM_prenom":
            return self.ph("NAME", f"{c['last'].upper()} {c['first']}")
        if name == "agent_prenom":
            return self.ph("NAME", agent_first)
        if name == "agent_nom":
            return self.ph("NAME", agent_last)
        if name == "agent_civ_nom":
            return ("Mme " if agent_g == "f" else "M. ") + self.ph("NAME", agent_last)
        if name == "agent_conseiller":
            return "conseillère" if agent_g == "f" else "conseiller"
        if name == "agent_conseiller_cap":
            return "Conseillère" if agent_g == "f" else "Conseiller"
        if name == "tiers_prenom":
            return self.ph("NAME", rng.choice(FIRST_M))
        if name == "tiers_nom":
            return self.ph("NAME", f"{rng.choice(FIRST_F + FIRST_M)} {rng.choice(SURNAMES)}")
        if name == "proche_nom":
            return self.ph("NAME", f"{rng.choice(FIRST_F + FIRST_M)} {c['last']}")
        if name == "tiers_nom_seul":
            return self.ph("NAME", rng.choice(SURNAMES))
        if name == "contrat":
            style_rng = random.Random(c["cid"]) if rng.random() < 0.7 else rng
            return self.ph("CONTRACT", format_contract(style_rng, c["contract"]))
        if name == "cli":
            style_rng = random.Random(c["cid"] + "cli") if rng.random() < 0.8 else rng
            return self.ph("CUSTOMER_ID", format_cli(style_rng, c["cli"]))
        if name == "plaque":
            style_rng = random.Random(c["cid"] + "pl") if rng.random() < 0.7 else rng
            return self.ph("PLATE", format_plate_siv(style_rng, c["plate"]))
        if name == "plaque_fni":
            return self.ph("PLATE", make_plate_fni(rng))
        if name == "vin":
            return self.ph("VIN", c["vin"])
        if name == "iban":
            return self.ph("IBAN", format_iban(rng, c["iban"]))
        if name == "iban_old":
            return self.ph("IBAN", format_iban(rng, c["iban_old"]))
        if name == "tel":
            return self.ph("PHONE", c["phone"])
        if name == "email":
            return self.ph("EMAIL", c["email"])
        if name == "adresse":
            a = c["address"]
            sep = ", " if rng.random() < 0.7 else " "
            return self.ph("ADDRESS", a["street"] + sep + a["city"])
        if name == "adresse2l":
            a = c["address"]
            return self.ph("ADDRESS", a["street"]) + "\n" + self.ph("ADDRESS", a["city"])
        if name == "carte":
            return self.ph("CARD", format_card(rng, make_card(rng)))
        if name == "vehicule":
            return c["vehicle"]
        if name == "ev":
            return c["vehicle"] if c["ev"] else rng.choice(VEHICLES_EV)[0]
        if name == "une_vehicule":
            return ("un " if c["veh_masc"] else "une ") + c["vehicle"]
        if name == "a_vehicule":
            return ("an " if c["vehicle"][0] in "AEIOU" else "a ") + c["vehicle"]
        if name == "prod_long":
            return rng.choice(PROD_LONG[c["product"]])
        if name == "prod_court":
            return PROD_COURT[c["product"]]
        if name == "prod_en":
            return PROD_EN[c["product"]]
        if name == "annee":
            return str(c["contract_year"])
        if name == "mois_debut":
            return MONTHS_FR[rng.randrange(12)]
        if name == "societe":
            return c.get("company") or rng.choice(COMPANIES)
        if name == "loyer":
            return fmt_eur(rng, c["loyer"], self.en)
        if name == "loyer2":
            vr = random.Random(f"{self.p['matter']['mid']}:loyer2")
            other = c["loyer"] * 2 if vr.random() < 0.35 else c["loyer"] + vr.choice([1, -1]) * vr.uniform(15, 140)
            return fmt_eur(rng, round(other, 2), self.en)
        vr = random.Random(f"{self.p['matter']['mid']}:{name}") if name in MATTER_SLOTS else rng
        money = {"frais_rejet": (lambda: vr.choice([12.5, 15, 20, 20, 25, 25, 30, 18.9]), None),
                 "frais_gestion": (lambda: vr.choice([30, 35, 36, 40, 42, 45, 48]), False),
                 "montant_fre": (lambda: vr.choice([vr.randrange(380, 1500), vr.randrange(1200, 3900)]) + vr.choice([0, 0, 0.5, 0.9]), None),
                 "montant_devis_garage": (lambda: vr.randrange(120, 650), False),
                 "frais_nettoyage": (lambda: vr.choice([90, 120, 150, 180, 210]), False),
                 "indemnite": (lambda: vr.randrange(1800, 6900) + vr.choice([0, 0.4, 0.75]), None),
                 "montant_km": (lambda: vr.randrange(380, 3400), False),
                 "apport": (lambda: vr.choice([1000, 1500, 2000, 2500, 3000, 4000, 5000, 7500]), False),
                 "montant_credit": (lambda: vr.choice(range(9000, 42000, 500)), False),
                 "salaire": (lambda: vr.choice(range(1700, 4600, 50)), False),
                 "montant_facture": (lambda: vr.randrange(85, 1900) + vr.choice([0, 0.5, 0.9, 0.36]), None),
                 "montant_ct": (lambda: vr.choice([75, 78, 79, 85, 89, 92, 95]), False),
                 "franchise": (lambda: vr.choice([90, 150, 200, 300, 450, 500]), False),
                 "montant_solde": (lambda: vr.randrange(1400, 14000) + vr.choice([0, 0.45, 0.8]), None),
                 "montant_regul": (lambda: vr.randrange(12, 420) + vr.choice([0, 0.5, 0.27]), None),
                 "montant_pv": (lambda: vr.choice([35, 68, 90, 135, 180, 375]), False),
                 "montant_loc": (lambda: vr.choice([190, 240, 280, 350, 420, 520]), False),
                 "montant_depannage": (lambda: vr.choice([145, 180, 220, 260, 310, 390, 450]), False),
                 "montant_taxi": (lambda: vr.choice([45, 65, 82, 110, 145, 180]), False),
                 "montant_recharge": (lambda: vr.choice([120, 180, 240, 310, 450, 600]), False)}
        if name in money:
            gen, cents = money[name]
            return fmt_eur(rng, float(gen()), self.en, cents)
        if name == "prix_km":
            return rng.choice(["0,08 €/km", "0,10 € du km", "0,12 €/km", "8 centimes par km", "0,15 € par kilomètre"])
        if name == "taux":
            return rng.choice(["3,99 %", "4,9 %", "5,45 %", "6,2%", "4,75 %", "5,9%", "7,1 %"])
        if name == "km":
            return fmt_km(rng, rng.randrange(8, 150) * 1000 + rng.choice([0, 0, 250, 480, 730]), self.en)
        if name in ("km_an", "km_contrat"):
            return fmt_km(rng, rng.choice([10000, 12000, 15000, 20000, 25000]))
        if name == "km_an_en":
            return fmt_km(rng, rng.choice([10000, 12000, 15000, 20000]), True)
        if name == "km_depasse":
            return fmt_km(rng, rng.choice([2000, 3500, 4000, 6000, 8000, 12000]), self.en)
        if name == "km_livr":
            return str(rng.choice([47, 85, 120, 350, 640, 1200]))
        if name == "km_rev":
            return fmt_km(rng, rng.choice([15000, 20000, 30000]))
        if name == "nb_mois":
            return str(rng.randrange(2, 14))
        if name == "duree_mois":
            return rng.choice(["36 mois", "37 mois", "48 mois", "49 mois", "4 ans", "3 ans"])
        if name in ("heure", "heure2", "attente", "heure_en", "heure2_en", "attente_en"):
            if "_bd" not in self.cache:
                h, m = rng.choice([(6, 40), (6, 50), (7, 0), (7, 5), (7, 10), (7, 15), (7, 20), (7, 30), (7, 45), (8, 0), (8, 10)])
                wait = rng.choice([150, 165, 180, 180, 195, 210, 240, 270])
                end = h * 60 + m + wait
                self.cache["_bd"] = "1"
                self.cache["heure"] = fmt_hour(rng, h, m)
                self.cache["heure2"] = fmt_hour(rng, end // 60, end % 60)
                self.cache["heure_en"] = fmt_hour(rng, h, m, True)
                self.cache["heure2_en"] = fmt_hour(rng, end // 60, end % 60, True)
                hours = wait / 60
                self.cache["attente"] = rng.choice([f"{int(hours)}h{wait % 60:02d}" if wait % 60 else f"{int(hours)} heures",
                                                    "plus de trois heures" if wait >= 180 else "près de trois heures",
                                                    f"{int(hours)} heures" if wait % 60 == 0 else f"{int(hours)}h{wait % 60:02d}"])
                self.cache["attente_en"] = rng.choice([f"{hours:.1f} hours".replace(".0 ", " "),
                                                       "over three hours" if wait >= 180 else "nearly three hours"])
            return self.cache[name]
        if name == "heure_rappel":
            return rng.choice(["12h", "17h", "18h", "midi", "16h30"])
        if name == "delai":
            return rng.choice(["3 semaines", "15 jours", "un mois", "deux mois", "10 jours", "six semaines", "5 semaines"])
        if name == "delai_en":
            return rng.choice(["three weeks", "a fortnight", "a month", "two months", "ten days", "six weeks"])
        if name in ("garage", "garage_cap"):
            if "_garage" not in self.cache:
                brand = c["vehicle"].split()[0].replace("VW", "Volkswagen")
                city = c["address"]["city_name"] if rng.random() < 0.6 else rng.choice(CITIES)[0]
                g = rng.choice(GARAGE_FMT).format(brand=brand, ville=city)
                self.cache["_garage"] = g
                self.cache["garage"] = g
                self.cache["garage_cap"] = g[0].upper() + g[1:]
            return self.cache[name]
        if name == "ville":
            return c["address"]["city_name"] if rng.random() < 0.5 else rng.choice(CITIES)[0]
        if name in ("date_recente", "date_recente_en"):
            return self._date(d - dt.timedelta(days=rng.randrange(1, 18)))
        if name in ("date_old", "date_old_en"):
            return self._date(d - dt.timedelta(days=rng.randrange(20, 120)))
        if name in ("date_future", "date_future_en"):
            return self._date(d + dt.timedelta(days=rng.randrange(5, 60)))
        if name in ("jour_prel", "date_prel", "date_prel_en", "mois", "mois_prec", "mois_next", "mois_en",
                    "mois_prec_en", "mois_next_en"):
            day = c["jour_prel"]
            last = d.replace(day=day) if d.day > day else (d.replace(day=1) - dt.timedelta(days=1)).replace(day=day)
            prev = (last.replace(day=1) - dt.timedelta(days=1))
            nxt = (last.replace(day=28) + dt.timedelta(days=10))
            return {"jour_prel": str(day), "date_prel": fmt_date_fr(rng, last), "date_prel_en": fmt_date_en(rng, last),
                    "mois": MONTHS_FR[last.month - 1], "mois_prec": MONTHS_FR[prev.month - 1],
                    "mois_next": MONTHS_FR[nxt.month - 1], "mois_en": MONTHS_EN[last.month - 1],
                    "mois_prec_en": MONTHS_EN[prev.month - 1], "mois_next_en": MONTHS_EN[nxt.month - 1]}[name]
        if name in ("date_prev", "date_prev_en"):
            pd = self.p.get("prev_date") or (d - dt.timedelta(days=rng.randrange(3, 12)))
            return fmt_date_en(rng, pd) if name.endswith("_en") else fmt_date_fr(rng, pd)
        if name == "date_first":
            pd = self.p.get("first_date") or (d - dt.timedelta(days=rng.randrange(8, 20)))
            return fmt_date_fr(rng, pd)
        if name in ("date_prev_any", "date_prev_any_en"):
            pd = self.p.get("prev_date") or (d - dt.timedelta(days=rng.randrange(3, 25)))
            return fmt_date_en(rng, pd) if name.endswith("_en") else fmt_date_fr(rng, pd)
        if name == "date_maj":
            return rng.choice(["25/10", "25 octobre", "25/10/2026", "dimanche 25"])
        if name == "ddmm":
            return f"{d.day:02d}/{d.month:02d}"
        if name == "n":
            return str(max(2, self.p["contact_n"]))
        if name == "jours":
            fd = self.p.get("first_date") or (d - dt.timedelta(days=10))
            return str(max(3, (d - fd).days))
        if name == "ordinal_en":
            n = self.p["contact_n"]
            return {2: "second", 3: "third", 4: "fourth"}.get(n, f"{n}th")
        if name == "ref_ticket_prev":
            return self.p.get("prev_id") or f"TK-{rng.randrange(380000, 410000):07d}"
        if name == "ref_cmd":
            return rng.choice([f"commande n° {rng.randrange(10000, 99999)}", f"bon de commande {d.year}-{rng.randrange(1000, 9999)}",
                               f"BC n°{rng.randrange(100000, 999999)}"])
        if name == "ref_dossier":
            return rng.choice([f"DOS-{d.year}-{rng.randrange(10**6):06d}", f"{d.year}-{rng.randrange(10**7):07d}",
                               f"n° {rng.randrange(10**6, 10**7)}"])
        if name == "ref_facture":
            return rng.choice([f"FA-{d.year}-{rng.randrange(10**6):06d}", f"F{d.year}{rng.randrange(10**6):06d}"])
        if name == "ref_sinistre":
            return rng.choice([f"SIN-{d.year % 100}-{rng.randrange(10**6):06d}", f"S{rng.randrange(10**7):07d}"])
        if name == "ref_expertise":
            return rng.choice([f"EXP-{d.year % 100}-{rng.randrange(10**5):05d}", f"{rng.randrange(10**6, 10**7)}/{d.year}"])
        raise KeyError(f"unknown slot {{{name}}}")


# ----------------------------------------------------------------------------------------------
# Composition per channel
# ----------------------------------------------------------------------------------------------

LOWERABLE = {"NAME", "EMAIL", "ADDRESS", "CONTRACT", "CUSTOMER_ID"}


def cap1(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


def pick(ctx: Ctx, items) -> str:
    if items and isinstance(items[0], tuple):
        s = ctx.fill(wchoice(ctx.rng, items))
    else:
        s = ctx.fill(ctx.rng.choice(items))
    if ctx.dt.hour < 17 and "onsoir" in s:
        s = s.replace("Bonsoir", "Bonjour").replace("bonsoir", "bonjour")
    return s


REPEAT_SLOTS = ("contrat", "plaque", "tel", "email", "cli", "vin", "iban", "adresse")


def fresh(ctx: Ctx, template: str) -> bool:
    """False when the template would repeat a personal value already written in this ticket."""
    return not any("{" + s + "}" in template and s in ctx.cache for s in REPEAT_SLOTS)


def choose_core(ctx: Ctx) -> str:
    pool = ctx.topic["core_en"] if ctx.en else ctx.topic["core"]
    used = ctx.p["matter"]["used"]
    free = [i for i in range(len(pool)) if (ctx.en, i) not in used] or list(range(len(pool)))
    i = ctx.rng.choice(free)
    used.append((ctx.en, i))
    return ctx.fill(pool[i])


def recontact_sentence(ctx: Ctx) -> str:
    n = ctx.p["contact_n"]
    if ctx.en:
        return pick(ctx, RC_EN)
    if n >= 3 and ctx.rng.random() < 0.75:
        return pick(ctx, RC3_FR)
    return pick(ctx, RC2_FR)


def context_sentence(ctx: Ctx) -> str:
    style = ctx.topic.get("ctx", "client")
    if ctx.en:
        return pick(ctx, CTX_PROSPECT_EN if style != "client" else CTX_EN)
    if style == "prospect":
        return pick(ctx, CTX_PROSPECT_FR)
    if style == "pending":
        return pick(ctx, CTX_PENDING_FR)
    if ctx.c["product"] not in ("LOA", "LLD", "Entretien+"):
        return pick(ctx, [x for x in CTX_FR if "locataire" not in x and "je loue" not in x])
    if ctx.c.get("company") and ctx.rng.random() < 0.6:
        return pick(ctx, CTX_FR_PRO)
    return pick(ctx, CTX_FR)


def secondary_sentence(ctx: Ctx) -> str | None:
    if not ctx.p["sec"]:
        return None
    st = ctx.topics[ctx.p["sec"]]
    pool = st["sec_en"] if ctx.en else st["sec"]
    return ctx.fill(ctx.rng.choice(pool)) if pool else None


def threat_sentences(ctx: Ctx) -> list[str]:
    if ctx.topic["planted"] != "intense":
        return []
    n = ctx.p["contact_n"]
    rng = ctx.rng
    if ctx.en:
        return [ctx.fill(x) for x in rng.sample(THREAT_EN, 1 if n < 3 else 2)]
    if n == 1:
        return [pick(ctx, THREAT1_FR)]
    if n == 2:
        return [pick(ctx, THREAT2_FR)] + ([pick(ctx, THREAT1_FR)] if rng.random() < 0.4 else [])
    out = [ctx.fill(x) for x in rng.sample(THREAT3_FR, 2 if rng.random() < 0.4 else 1)]
    if rng.random() < 0.6:
        keys = ("avocat", "médiateur", "UFC", "60 Millions", "résilier")
        used = {k for k in keys if any(k in s for s in out)}
        extra = [x for x in THREAT2_FR if not any(k in x for k in used)]
        if extra:
            out.append(pick(ctx, extra))
    return out


def signature_lines(ctx: Ctx, channel: str) -> list[str]:
    rng, c, per = ctx.rng, ctx.c, ctx.c["persona"]
    lines = []
    style = per["sign_style"] if rng.random() < 0.85 else rng.choice(["full", "civ", "prenom", "none"])
    civ = ("Ms " if c["gender"] == "f" else "Mr ") if ctx.en else ("Mme " if c["gender"] == "f" else "M. ")
    if style == "full":
        lines.append(ctx.slot("nom"))
    elif style == "civ":
        lines.append(civ + ctx.slot("nom_seul"))
    elif style == "civ_full":
        lines.append(civ + ctx.slot("nom"))
    elif style == "NOM_prenom":
        lines.append(ctx.slot("NOM_prenom"))
    elif style == "prenom_NOM":
        lines.append(ctx.ph("NAME", f"{c['first']} {c['last'].upper()}"))
    elif style == "prenom":
        lines.append(ctx.slot("prenom"))
    if style != "none":
        if c.get("company") and rng.random() < 0.5:
            lines.append(rng.choice(["Gérant", "Responsable flotte", "Dirigeant"]) + " - " + c["company"])
        if rng.random() < per["sign_phone_p"]:
            label = rng.choice(["", "", "Tél : ", "Tel. ", "Portable : ", "Mob : ", "tel "] if not ctx.en else ["", "Mob: ", "Tel: ", "Phone: "])
            lines.append(label + ctx.slot("tel"))
        if rng.random() < 0.07:
            lines.append(ctx.slot("email"))
        if rng.random() < 0.05:
            if rng.random() < 0.6:
                lines.append(ctx.slot("adresse2l"))
            else:
                lines.append(ctx.slot("adresse"))
    return lines


def build_subject(ctx: Ctx, channel: str) -> str:
    rng, p, T = ctx.rng, ctx.p, ctx.topic
    prev = p["matter"].get("subject")
    if channel == "telephone":
        return rng.choice(["Appel entrant", "Appel client", "Rappel client", "Appel"]) if rng.random() < 0.1 else ""
    if channel == "chat":
        return rng.choice(["Conversation chat", f"Chat du {ctx.slot('ddmm')}", "Chat"]) if rng.random() < 0.05 else ""
    if p["contact_n"] >= 2 and prev and rng.random() < 0.55:
        pre = rng.choice(["RE: ", "RE: ", "Re: ", "Relance : ", "TR: ", "Re: Re: ", "URGENT - ", "2e relance - ",
                          "RE : "] if not ctx.en else ["RE: ", "Re: ", "Fwd: ", "Re: Re: ", "URGENT - "])
        text, recs = prev
        for rec in sorted(recs, key=lambda r: -len(r["value"])):
            text = text.replace(rec["value"], ctx.ph(rec["kind"], rec["value"]), 1)
        return pre + text
    if channel == "formulaire_web":
        r = rng.random()
        if r < 0.45:
            if rng.random() < 0.7:
                return rng.choice(DROPDOWN_BY_STAGE[T["stage"]])
            return wchoice(rng, WEB_DROPDOWN)
        if r < 0.8:
            s = pick(ctx, T["subj_en"] if ctx.en else T["subj"])
        elif r < 0.88:
            s = pick(ctx, USELESS_SUBJ_EN if ctx.en else USELESS_SUBJ_FR)
        else:
            s = ""
    else:
        r = rng.random()
        if r < 0.68:
            s = pick(ctx, T["subj_en"] if ctx.en else T["subj"])
        elif r < 0.9:
            s = pick(ctx, USELESS_SUBJ_EN if ctx.en else USELESS_SUBJ_FR)
        elif r < 0.95:
            s = pick(ctx, T["subj_en"] if ctx.en else T["subj"]).upper()
        else:
            s = ""
    return s


def quote_block(ctx: Ctx, subject: str) -> str:
    rng, en = ctx.rng, ctx.en
    base = ctx.p.get("prev_date") or (ctx.d - dt.timedelta(days=rng.randrange(2, 9)))
    qd = min(base + dt.timedelta(days=rng.choice([0, 1, 1, 2])), ctx.d)
    hh, mm = rng.randrange(8, 19), rng.randrange(60)
    body = pick(ctx, QUOTE_BODIES_EN if en else QUOTE_BODIES_FR)
    wd = qd.weekday()
    if en:
        head = f"On {DAYS_EN[wd]}, {qd.day} {MONTHS_EN[qd.month - 1][:3]} {qd.year} at {hh:02d}:{mm:02d}, " \
               f"FinAuto Customer Service <{SERVICE_EMAIL}> wrote:"
        return head + "\n" + "\n".join(("> " + line) if line else ">" for line in body.split("\n"))
    style = wchoice(rng, {"gmail": 35, "apple": 20, "outlook": 30, "outlook_mobile": 15})
    if style == "gmail":
        head = f"Le {DAYS_FR[wd][:3]}. {qd.day} {MONTHS_FR_ABBR[qd.month - 1]} {qd.year} à {hh:02d}:{mm:02d}, " \
               f"Service Client FinAuto <{SERVICE_EMAIL}> a écrit :"
        return head + "\n\n" + "\n".join(("> " + line) if line else ">" for line in body.split("\n"))
    if style == "apple":
        head = f"Le {qd.day:02d}/{qd.month:02d}/{qd.year} à {hh:02d}:{mm:02d}, Service Client <{SERVICE_EMAIL}> a écrit :"
        return head + "\n\n" + "\n".join(("> " + line) if line else ">" for line in body.split("\n"))
    to = ctx.slot("email")
    subj = subject or "Votre demande"
    if not subj.upper().startswith("RE"):
        subj = "RE: " + subj
    if style == "outlook":
        return (f"-----Message d'origine-----\nDe : Service Client FinAuto <{SERVICE_EMAIL}>\n"
                f"Envoyé : {DAYS_FR[wd]} {qd.day} {MONTHS_FR[qd.month - 1]} {qd.year} {hh:02d}:{mm:02d}\n"
                f"À : {to}\nObjet : {subj}\n\n{body}")
    return (f"________________________________\nDe : FinAuto <{NOREPLY_EMAIL}>\n"
            f"Envoyé : {DAYS_FR[wd]} {qd.day} {MONTHS_FR[qd.month - 1]} {qd.year} {hh:02d}:{mm:02d}\n"
            f"À : {to}\nObjet : {subj}\n\n{body}")


def compose_written(ctx: Ctx, channel: str) -> tuple[list[str], str]:
    """Customer-written body (email or web form) as paragraphs, before noise; plus the closing block."""
    rng, p, T, en = ctx.rng, ctx.p, ctx.topic, ctx.en
    per = ctx.c["persona"]
    mode = p["mode"]
    rc = p["contact_n"]
    paras: list[list[str]] = []
    greeting = None
    greet_p = per["greet_p"] * (1.0 if channel == "email" else 0.6)
    if mode == "short":
        if rc >= 2:
            line = pick(ctx, SHORT_EN if en else SHORT_FR)
        else:
            line = cap1(pick(ctx, T["core_en"] if en else T["chat"]))
        if rng.random() < 0.2:
            greeting = pick(ctx, GREET_EN if en else GREET_FR)
        closing = []
        if rng.random() < 0.25:
            closing = [ctx.slot("prenom") if rng.random() < 0.6 else ctx.slot("nom")]
        return ([greeting] if greeting else []) + [line], "\n".join(closing)
    if rng.random() < greet_p:
        greeting = pick(ctx, GREET_EN if en else GREET_FR)
    lead = []
    if rc >= 2 and rng.random() < 0.85:
        lead.append(recontact_sentence(ctx))
    if rng.random() < (0.5 if mode == "long" else 0.28):
        lead.append(context_sentence(ctx))
    detail_pool = T["detail_en"] if en else T["detail"]
    ask_pool = T["ask_en"] if en else T["ask"]
    n_det = wchoice(rng, {0: 40, 1: 42, 2: 18}) if mode != "long" else rng.choice([2, 2, 3])
    details = []
    for x in rng.sample(detail_pool, min(n_det, len(detail_pool))):
        if fresh(ctx, x):
            details.append(ctx.fill(x))
    if p.get("card"):
        details.append(pick(ctx, CARD_EN if en else CARD_FR))
    emo = []
    if rng.random() < T["frus"] * (0.55 if mode != "long" else 0.95):
        emo.append(pick(ctx, EMO_EN if en else EMO_FR))
    emo += threat_sentences(ctx)
    sec = secondary_sentence(ctx)
    asks = []
    if rng.random() < 0.72:
        pool = ask_pool if rng.random() < 0.6 else (ASK_EN if en else ASK_FR)
        pool = [x for x in pool if fresh(ctx, x)] or ask_pool
        asks.append(pick(ctx, pool))
    if mode == "long":
        story_pools = T.get("story_en" if en else "story") or []
        life_ok = T["stage"] in ("livraison", "panne_assistance", "entretien_reparation", "sinistre")
        life_pool = LIFE_EN if en else LIFE_FR
        if ctx.c.get("company"):
            life_pool = [x for x in life_pool if "retrait" not in x and "famille" not in x and "children" not in x]
        p1 = lead + ([pick(ctx, life_pool)] if life_ok and rng.random() < 0.8 else [])
        if story_pools and rng.random() < 0.75:
            k = rng.choice([3, len(story_pools), len(story_pools)]) if len(story_pools) > 3 else len(story_pools)
            paras = [p1] if p1 else []
            paras += [[pick(ctx, pool)] for pool in story_pools[:k]]
        else:
            paras = ([p1] if p1 else []) + [[choose_core(ctx)] + details]
        hist = [ctx.fill(h) for h in rng.sample(HIST_EN if en else HIST_FR, rng.choice([1, 2, 2]))]
        paras.append(hist)
        tail = emo + ([sec] if sec else [])
        if tail:
            paras.append(tail)
        if not asks:
            asks.append(pick(ctx, ask_pool))
        asks.append(pick(ctx, [x for x in (ASK_EN if en else ASK_FR) if fresh(ctx, x)]))
        paras.append(asks)
    else:
        core = choose_core(ctx)
        sents = lead + [core] + details
        middle = emo + ([sec] if sec else [])
        if len(sents) + len(middle) + len(asks) <= 2 or rng.random() < 0.45:
            paras = [sents + middle + asks]
        else:
            paras = [sents]
            if middle:
                paras.append(middle)
            if asks:
                if rng.random() < 0.5 and len(paras) > 1:
                    paras[-1] = paras[-1] + asks
                else:
                    paras.append(asks)
    body = [" ".join(s for s in para if s) for para in paras if para]
    # closing + signature
    closing = []
    if rng.random() < per["close_p"]:
        pool = CLOSE_EN if en else CLOSE_FR
        if T["frus"] >= 0.75:
            pool = [x for x in pool if x[0] in ("Cordialement,", "Cordialement", "Salutations.", "Bien à vous,",
                                                 "Dans l'attente de votre réponse,", "Regards,", "Kind regards,")]
        closing.append(wchoice(rng, pool))
    if rng.random() < per["sign_p"] * (1.0 if channel == "email" else 0.7):
        closing += signature_lines(ctx, channel)
    return ([greeting] if greeting else []) + body, "\n".join(closing)


def compose_phone(ctx: Ctx) -> str:
    rng, p, T = ctx.rng, ctx.p, ctx.topic
    rc = p["contact_n"]
    opener = pick(ctx, PHONE_OPEN_RC) if rc >= 2 and rng.random() < 0.6 else pick(ctx, PHONE_OPEN)
    core = pick(ctx, T["phone"])
    first = core.split(" ")[0].lower().rstrip(",")
    if opener.endswith(" pour") and (first in PHONE_VERBS or first.endswith("é") or first.endswith("ée")):
        opener = opener[:-5] + rng.choice([",", " :", " -"])
    bits = [(opener + " " + core) if opener else cap1(core)]
    if rng.random() < 0.28:
        other = [x for x in T["phone"] if ctx.fill(x) != core]
        if other:
            bits.append(pick(ctx, other))
    if rng.random() < 0.25:
        extra = PHONE_EXTRA if T.get("ctx", "client") == "client" else [x for x in PHONE_EXTRA if "plaque" not in x[0]]
        bits.append(pick(ctx, extra))
    if rc >= 2 and rng.random() < 0.7:
        bits.append(pick(ctx, ["{n}e appel", "a déjà écrit le {date_prev}", "rappelle car sans nouvelles depuis le {date_prev}",
                               "dit avoir déjà appelé plusieurs fois", "relance, dossier toujours pas traité"]))
    if p["sec"]:
        st = ctx.topics[p["sec"]]
        bits.append(rng.choice(["demande aussi : ", "+ ", "en plus : ", "autre sujet : "]) + pick(ctx, st["phone"]))
    if T["planted"] == "intense":
        bits.append(rng.choice(["menace avocat", "parle de saisir UFC-Que Choisir", "menace d'aller voir la presse",
                                "veut saisir le médiateur", "exige réponse écrite d'un responsable"]))
    if rng.random() < 0.25 + 0.5 * T["frus"]:
        bits.append(pick(ctx, PHONE_MOOD))
    if rng.random() < 0.8:
        bits.append(pick(ctx, PHONE_ACTION))
    sep = wchoice(rng, {", ": 50, ". ": 25, " - ": 15, " / ": 10})
    text = sep.join(bits)
    text = re.sub(r"([?!])[.,]", r"\1", text)
    if sep == ". ":
        text = ". ".join(cap1(b) for b in text.split(". "))
    if rng.random() < 0.5:
        text += "."
    if rng.random() < 0.15:
        text += " " + rng.choice(["-", "/", "--"]) + " " + rng.choice(["KB", "AM", "JR", "SM", "LG", "NP", "MH"])
    return text


def chatify(s: str, rng: random.Random) -> str:
    s = s.rstrip(".")
    if rng.random() < 0.7:
        s = s[:1].lower() + s[1:]
    return s


def compose_chat(ctx: Ctx) -> list[tuple[str, str]]:
    """List of (speaker, line); speaker 'v' (customer) or 'a' (agent)."""
    rng, p, T, en = ctx.rng, ctx.p, ctx.topic, ctx.en
    lines: list[tuple[str, str]] = []
    o = pick(ctx, CHAT_OPEN_EN if en else CHAT_OPEN_FR)
    if o:
        lines.append(("v", o))
    if p["contact_n"] >= 2 and rng.random() < 0.8:
        lines.append(("v", pick(ctx, ["still no answer to my email", "I already wrote last week", "third time I'm asking"] if en else
                                ["je vous ai deja ecrit la semaine derniere", "toujours pas de reponse a mon mail",
                                 "c'est la {n}e fois que je vous contacte", "j'ai appelé le {date_prev} et rien"])))
    if p["mode"] == "short":
        lines.append(("v", chatify(pick(ctx, T["core_en"] if en else T["chat"]), rng)))
        return lines
    if en:
        lines.append(("v", chatify(choose_core(ctx), rng)))
    else:
        lines.append(("v", pick(ctx, T["chat"]) if rng.random() < 0.65 else chatify(choose_core(ctx), rng)))
    if rng.random() < 0.4:
        pool = T["detail_en"] if en else T["detail"]
        lines.append(("v", chatify(pick(ctx, pool), rng)))
    sec = secondary_sentence(ctx)
    if sec:
        lines.append(("v", chatify(sec, rng)))
    if T["planted"] == "intense":
        lines.append(("v", pick(ctx, THREAT_EN if en else THREAT2_FR + THREAT3_FR)))
    if p.get("card"):
        lines.append(("v", chatify(pick(ctx, CARD_EN if en else CARD_FR), rng)))
    if not en:
        a = pick(ctx, CHAT_ASK_FR)
        if a:
            lines.append(("v", a))
    cl = pick(ctx, CHAT_CLOSE_EN if en else (CHAT_CLOSE_FR if T["frus"] < 0.75 else
                                              [("", 60), ("merci", 10), ("j'attends", 5), ("rappelez moi", 5)]))
    if cl:
        lines.append(("vc", cl))
    return lines


# ----------------------------------------------------------------------------------------------
# Noise application and final rendering of one ticket
# ----------------------------------------------------------------------------------------------

EMOJIS = ["😡", "🙏", "😤", "🙄", "👍", "😕", "😢", "🤬"]


def lower_all(ctx: Ctx, text: str) -> str:
    parts = split_ph(text)
    out = []
    for i, part in enumerate(parts):
        if i % 2 == 0:
            out.append(part.lower())
        else:
            kind, val = ctx.pii[int(part[1:-1])]
            out.append(ctx.ph(kind, val.lower()) if kind in LOWERABLE and val.lower() != val else part)
    return "".join(out)


def noise_customer(ctx: Ctx, text: str, channel: str, rng: random.Random) -> str:
    per, T = ctx.c["persona"], ctx.topic
    informal = channel == "chat"
    typo_p = per["typo"] * (1.6 if informal else 1.0)
    if ctx.en:
        lvl = min(2, per["abbrev"] + (1 if informal else 0))
        text = map_text(text, lambda s: apply_abbrev(s, rng, lvl, ABBREV_EN))
        text = map_text(text, lambda s: noise_words(s, rng, 0.0, typo_p, QWERTY))
        if informal or per["lower"] or rng.random() < 0.1:
            text = map_text(text, lambda s: re.sub(r"\bI\b", lambda m: "i" if rng.random() < 0.6 else "I", s))
    else:
        p_acc = {"keep": 0.0, "some": 0.3, "none": 0.95}[per["accents"]]
        if informal:
            p_acc = max(p_acc, 0.5)
        lvl = min(2, per["abbrev"] + (1 if informal else 0))
        if lvl >= 1:
            text = map_text(text, lambda s: drop_negation(s, rng, 0.6))
        text = map_text(text, lambda s: apply_abbrev(s, rng, lvl, ABBREV_FR_C))
        text = map_text(text, lambda s: noise_words(s, rng, p_acc, typo_p))
    punct = per["punct"]
    if T["planted"] == "intense" and (ctx.p["contact_n"] >= 2 or rng.random() < 0.5):
        punct = "excess"
    if informal and punct == "normal" and rng.random() < 0.5:
        punct = "sparse"
    text = map_text(text, lambda s: punct_noise(s, rng, punct))
    caps_p = 0.0
    if T["planted"] == "intense":
        caps_p = 0.22 + 0.08 * min(ctx.p["contact_n"], 4)
    elif per["caps"] and T["frus"] >= 0.5:
        caps_p = 0.12
    if caps_p:
        text = map_text(text, lambda s: caps_noise(s, rng, caps_p))
    if rng.random() < (0.03 if informal else 0.008):
        text += " " + rng.choice(EMOJIS)
    if per["lower"] or (informal and rng.random() < 0.3):
        text = lower_all(ctx, text)
    return text


def noise_agent(ctx: Ctx, text: str, rng: random.Random) -> str:
    arng = random.Random("agent-style:" + ctx.agent[0] + ctx.agent[1])
    p_abbrev = arng.choice([0.0, 0.2, 0.45, 0.7])
    p_acc = arng.choice([0.0, 0.0, 0.15, 0.8])
    for rx, rep in ABBREV_AGENT:
        text = map_text(text, lambda s, rx=rx, rep=rep: rx.sub(lambda m: rep if rng.random() < p_abbrev else m.group(0), s))
    text = map_text(text, lambda s: noise_words(s, rng, p_acc, 0.008))
    return re.sub(r"(?<!\.)\.\.(?!\.)", ".", text)


def web_form_header(ctx: Ctx) -> str:
    rng, c = ctx.rng, ctx.c
    lines = []
    if rng.random() < 0.5:
        lines.append("Civilité : " + ("Madame" if c["gender"] == "f" else "Monsieur"))
    last = c["last"].upper() if rng.random() < 0.6 else c["last"]
    lines.append("Nom : " + ctx.ph("NAME", last))
    lines.append("Prénom : " + ctx.slot("prenom"))
    lines.append(rng.choice(["Email : ", "E-mail : ", "Adresse e-mail : "]) + ctx.slot("email"))
    if rng.random() < 0.7:
        lines.append("Téléphone : " + ctx.slot("tel"))
    if rng.random() < 0.6:
        lines.append("N° de contrat : " + ctx.slot("contrat"))
    elif rng.random() < 0.5:
        lines.append("Numéro client : " + ctx.slot("cli"))
    if rng.random() < 0.2:
        lines.append("Immatriculation : " + ctx.slot("plaque"))
    lines.append("Objet de la demande : " + rng.choice(DROPDOWN_BY_STAGE[ctx.topic["stage"]]))
    lines.append("Message :")
    return "\n".join(lines)


def render_chat(ctx: Ctx, lines: list[tuple[str, str]], rng: random.Random) -> str:
    cust = [(who, noise_customer(ctx, line, "chat", rng)) for who, line in lines]
    body = [line for who, line in cust if who == "v"]
    close = [line for who, line in cust if who == "vc"]
    if rng.random() >= 0.28 or len(body) < 2:
        return "\n".join(body + close)
    pool = CHAT_AGENT_EN if ctx.en else CHAT_AGENT_FR
    mid_pool, end_pool = (pool[1:2], pool[2:]) if ctx.en else (pool[1:4], pool[4:])
    a_greet, a_mid, a_end = ctx.fill(pool[0]), ctx.fill(rng.choice(mid_pool)), ctx.fill(rng.choice(end_pool))
    seq = [("v", body[0]), ("a", a_greet)] + [("v", x) for x in body[1:2]] + [("a", a_mid)] + \
          [("v", x) for x in body[2:]] + [("a", a_end)] + [("v", x) for x in close]
    style = rng.choice(["named", "stamped", "plain", "plain"])
    t = ctx.dt
    who_v = "Visitor" if ctx.en else rng.choice(["Visiteur", "Client", "Vous"])
    who_a = (ctx.slot("agent_prenom") + " (FinAuto)") if style == "named" else ("Agent" if ctx.en else "Conseiller")
    out = []
    for who, line in seq:
        t = t + dt.timedelta(seconds=rng.randrange(15, 140))
        name = who_v if who == "v" else who_a
        out.append(f"[{t:%H:%M}] {name} : {line}" if style == "stamped" else f"{name} : {line}")
    return "\n".join(out)


def finalize(ctx: Ctx, subject: str, message: str) -> tuple[str, str, list[dict]]:
    vals = [v for _, v in ctx.pii]
    sub = lambda s: PH_RE.sub(lambda m: vals[int(m.group(1))], s)  # noqa: E731
    records = []
    for field, text in (("objet", subject), ("message", message)):
        seen = set()
        for m in PH_RE.finditer(text):
            kind, val = ctx.pii[int(m.group(1))]
            if (kind, val) not in seen:
                seen.add((kind, val))
                records.append({"kind": kind, "field": field, "value": val})
    return sub(subject), sub(message), records


def render_ticket(plan: dict, topics: dict, seed: int) -> dict:
    rng = random.Random(f"{seed}:render:{plan['idx']}")
    ctx = Ctx(plan, rng, topics)
    ch = plan["channel"]
    per = ctx.c["persona"]
    subject = build_subject(ctx, ch)
    if subject:
        if per["lower"] and rng.random() < 0.7:
            subject = lower_all(ctx, subject)
        elif not ctx.en and per["accents"] == "none":
            subject = map_text(subject, strip_accents)
        if ctx.topic["planted"] == "intense" and rng.random() < 0.4:
            subject = map_text(subject, str.upper)
    if ch in ("email", "formulaire_web"):
        body_list, closing = compose_written(ctx, ch)
        body = noise_customer(ctx, "\n\n".join(body_list), ch, rng)
        if closing and per["lower"]:
            closing = lower_all(ctx, closing)
        text = body + (("\n\n" if rng.random() < 0.7 else "\n") + closing if closing else "")
        if ch == "formulaire_web" and plan["mode"] != "short" and rng.random() < 0.16:
            text = web_form_header(ctx) + "\n" + text
        if ch == "email" and rng.random() < per["device_p"]:
            text += "\n\n" + per["device"]
        if ch == "email" and rng.random() < (0.45 if plan["contact_n"] >= 2 else 0.085):
            text += "\n\n" + quote_block(ctx, subject)
        if rng.random() < 0.08:
            text = to_html(text, rng)
    elif ch == "telephone":
        text = noise_agent(ctx, compose_phone(ctx), rng)
    else:
        text = render_chat(ctx, compose_chat(ctx), rng)
    subject, message, pii = finalize(ctx, subject, text)
    if subject and ch in ("email", "formulaire_web") and plan["matter"].get("subject") is None:
        plan["matter"]["subject"] = (subject, [x for x in pii if x["field"] == "objet"])
    return {"objet": subject, "message": message, "pii": pii}


# ----------------------------------------------------------------------------------------------
# Dataset generator
# ----------------------------------------------------------------------------------------------

BG_SCALE = 1.08
RC_SCALE = 1.3
CATCHALL_BOOST = 0.03
CHANNEL_W = {"email": 35.0, "formulaire_web": 30.0, "telephone": 24.5, "chat": 15.0}
CARD_TOPICS = ("prelevement_errone", "difficultes_paiement", "option_achat_loa", "facture_loyer_incomprise",
               "rachat_anticipe", "contravention_antai", "frais_remise_en_etat")
SEC_BOOST = {"attestation_releve": 3.0, "changement_adresse": 2.0, "changement_rib": 2.0, "espace_client_acces": 1.5,
             "prelevement_errone": 2.0, "echeancier_date_prelevement": 1.5, "code_sms_appli": 4.0}


def day_weight(d: dt.date) -> float:
    wf = [1.22, 1.14, 1.08, 1.05, 0.98, 0.55, 0.32][d.weekday()]
    growth = 1.0 + 0.22 * (d - START).days / (END - START).days
    dip = 0.86 if d.month == 8 else 1.0
    if (d.month, d.day) in ((7, 14), (8, 15), (11, 1), (11, 11)):
        dip *= 0.45
    return wf * growth * dip


def shape_weight(shape: str | None, d: dt.date) -> float:
    if shape == "autumn":
        return 1.6 if dt.date(2026, 9, 1) <= d <= dt.date(2026, 10, 31) else 1.0
    if shape == "summer":
        return 1.6 if dt.date(2026, 8, 1) <= d <= dt.date(2026, 9, 30) else 1.0
    if shape == "tyres":
        if d >= dt.date(2026, 10, 10):
            return 2.6
        return 1.4 if d <= dt.date(2026, 6, 10) else 1.0
    if shape == "growing":
        return 0.6 + 0.9 * (d - START).days / (END - START).days
    return 1.0


def emerging_daily_counts() -> dict[dt.date, int]:
    """Exact weekly totals, spread over days with an increasing curve; largest-remainder rounding."""
    out: dict[dt.date, int] = {}
    for w, total in enumerate(EMERGING_WEEKLY):
        days = [EMERGING_ONSET + dt.timedelta(days=7 * w + k) for k in range(7)]
        wts = [math.exp(0.16 * (7 * w + k)) * [1.25, 1.15, 1.1, 1.05, 1.0, 0.7, 0.55][k] for k in range(7)]
        raw = [total * x / sum(wts) for x in wts]
        base = [int(r) for r in raw]
        order = sorted(range(7), key=lambda k: (-(raw[k] - base[k]), k))
        for k in order[: total - sum(base)]:
            base[k] += 1
        for dd, n in zip(days, base):
            out[dd] = n
    return out


def make_persona(rng: random.Random, en: bool) -> dict:
    return {
        "accents": wchoice(rng, {"keep": 60, "some": 25, "none": 15}),
        "abbrev": wchoice(rng, {0: 62, 1: 27, 2: 11}),
        "typo": wchoice(rng, {0.0: 45, 0.008: 30, 0.02: 17, 0.04: 8}),
        "lower": rng.random() < 0.05,
        "punct": wchoice(rng, {"normal": 68, "sparse": 22, "excess": 10}),
        "caps": rng.random() < 0.15,
        "greet_p": rng.choice([0.97, 0.9, 0.85, 0.7, 0.4]),
        "close_p": rng.choice([0.9, 0.85, 0.7, 0.45]),
        "sign_p": rng.choice([0.75, 0.55, 0.4, 0.2, 0.05]),
        "sign_style": wchoice(rng, {"full": 38, "civ": 11, "civ_full": 6, "NOM_prenom": 8, "prenom_NOM": 5,
                                    "prenom": 19, "none": 13}),
        "sign_phone_p": rng.choice([0.6, 0.4, 0.25, 0.08]),
        "device_p": rng.choice([0.0, 0.0, 0.0, 0.35, 0.85]),
        "device": wchoice(rng, DEVICE_EN if en else DEVICE_FR),
    }


class Generator:
    def __init__(self, seed: int):
        self.seed = seed
        self.rng = random.Random(seed)
        self.topics: dict[str, dict] = {}
        for spec in TOPIC_SPECS:
            t = dict(spec)
            for k in ("detail", "detail_en", "ask", "ask_en", "phone", "chat", "subj", "subj_en", "sec", "sec_en"):
                t.setdefault(k, [])
            t.setdefault("shape", None)
            t.setdefault("chan", {})
            self.topics[t["key"]] = t
        self.customers: list[dict] = []
        self._cids: set[str] = set()
        self._clis: set[str] = set()

    # -- customers
    def new_customer(self, lang: str, product: str, ev: bool) -> dict:
        rng = self.rng
        gender = "f" if rng.random() < 0.48 else "m"
        en = lang == "en"
        if en:
            first = rng.choice(FIRST_EN_F if gender == "f" else FIRST_EN_M)
            last = rng.choice(SURNAMES_EN)
        else:
            first = rng.choice(FIRST_F if gender == "f" else FIRST_M)
            last = rng.choice(SURNAMES)
        while True:
            cid = f"C{rng.randrange(100000, 1000000)}"
            if cid not in self._cids:
                self._cids.add(cid)
                break
        while True:
            cli = f"CLI-{rng.randrange(1000, 2600000):07d}"
            if cli not in self._clis:
                self._clis.add(cli)
                break
        company = rng.choice(COMPANIES) if product == "Crédit-bail pro" else None
        if ev:
            model, wmi = rng.choice(VEHICLES_EV)
            masc = False
        elif product == "Crédit-bail pro" and rng.random() < 0.7:
            model, wmi = rng.choice(VEHICLES_VAN)
            masc = True
        else:
            model, wmi = rng.choice(VEHICLES_ICE)
            masc = False
        year = wchoice(rng, {2021: 6, 2022: 12, 2023: 20, 2024: 26, 2025: 26, 2026: 10})
        prefix = {"LOA": "LOA", "LLD": "LLD", "Crédit auto": "CRD", "Crédit-bail pro": "CBP",
                  "Assurance emprunteur": "CRD", "Entretien+": rng.choice(["LLD", "LLD", "LOA"])}[product]
        if en:
            country = wchoice(rng, {"FR": 60, "DE": 25, "BE": 15})
            intl = wchoice(rng, {"UK": 35, "DE": 15, "BE": 10, "CH": 5, None: 35})
        else:
            country = wchoice(rng, {"FR": 96, "BE": 2, "DE": 2})
            intl = wchoice(rng, {None: 96, "BE": 2, "CH": 1, "DE": 1})
        loyer_range = {"LOA": (210, 560), "LLD": (240, 720), "Crédit auto": (180, 620), "Crédit-bail pro": (320, 950),
                       "Assurance emprunteur": (180, 600), "Entretien+": (260, 700)}[product]
        c = {
            "cid": cid, "cli": cli, "gender": gender, "first": first, "last": last, "lang": lang,
            "product": product, "company": company, "vehicle": model, "ev": ev or "E-Tech" in model,
            "veh_masc": masc, "contract_year": year, "contract": make_contract(rng, prefix, year),
            "plate": make_plate_siv(rng), "vin": make_vin(rng, wmi, year),
            "iban": make_iban(rng, country), "iban_old": make_iban(rng, "FR"),
            "phone": make_phone(rng, intl), "email": make_email(rng, first, last, en),
            "address": make_address(rng), "loyer": round(rng.uniform(*loyer_range), 2) if rng.random() < 0.8
            else float(rng.randrange(*loyer_range)),
            "jour_prel": rng.choice([1, 5, 5, 5, 10, 10, 15, 20, 25, 28]),
            "persona": make_persona(rng, en),
        }
        self.customers.append(c)
        return c

    def customer_for(self, topic: dict) -> dict:
        rng = self.rng
        ev_needed = topic["planted"] == "blind_spot"
        en_share = {"intense": 0.05}.get(topic["planted"], 0.105)
        lang = "en" if rng.random() < en_share else "fr"
        if self.customers and rng.random() < 0.11 and topic["planted"] != "intense":
            for _ in range(25):
                c = self.customers[rng.randrange(len(self.customers))]
                if c["lang"] == lang and c["product"] in topic["prods"] and (c["ev"] or not ev_needed):
                    return c
        product = wchoice(rng, topic["prods"])
        ev = ev_needed or rng.random() < topic["ev"] * (0.4 if product == "Crédit-bail pro" else 1.0)
        return self.new_customer(lang, product, ev)

    # -- schedule
    def schedule(self) -> list[dict]:
        rng = self.rng
        days = [START + dt.timedelta(days=k) for k in range((END - START).days + 1)]
        plans: list[dict] = []
        seed_tag = self.seed
        for key, t in self.topics.items():
            if t["planted"] == "emerging":
                counts = emerging_daily_counts()
                slots = sorted(d for d, n in counts.items() for _ in range(n))
            else:
                n = round(t["n"] * (1.0 if t["planted"] else BG_SCALE))
                wts = [day_weight(d) * shape_weight(t["shape"], d) for d in days]
                slots = sorted(rng.choices(days, weights=wts, k=n))
            window = (3, 21) if t["planted"] == "intense" else (1, 14)
            maxc = 7 if t["planted"] == "intense" else 4
            open_m: list[dict] = []
            for d in slots:
                matter = None
                if rng.random() < min(0.8, t["rc"] * RC_SCALE):
                    cands = [m for m in open_m if window[0] <= (d - m["last"]).days <= window[1] and m["n"] < maxc]
                    if cands:
                        matter = rng.choice(cands)
                if matter is None:
                    matter = {"mid": f"{seed_tag}:{key}:{len(open_m)}", "cust": self.customer_for(t), "n": 0, "last": d, "tickets": [], "used": [],
                              "agent": AGENTS[rng.randrange(len(AGENTS))], "subject": None, "topic": key}
                    open_m.append(matter)
                matter["n"] += 1
                matter["last"] = d
                plan = {"topic": key, "date": d, "matter": matter, "contact_n": matter["n"],
                        "cust": matter["cust"], "lang": matter["cust"]["lang"], "agent": matter["agent"]}
                matter["tickets"].append(plan)
                plans.append(plan)
        # channels, times, modes, secondary topics
        for plan in plans:
            self.decorate(plan)
        return plans

    def pick_channel(self, plan: dict) -> str:
        rng = self.rng
        t = self.topics[plan["topic"]]
        m = plan["matter"]
        if plan["contact_n"] >= 2 and rng.random() < 0.55:
            ch = m["tickets"][plan["contact_n"] - 2]["channel"]
        else:
            w = {k: v * t["chan"].get(k, 1.0) for k, v in CHANNEL_W.items()}
            if plan["lang"] == "en":
                w["telephone"] = 0.0
            ch = wchoice(rng, w)
        if ch == "telephone" and (plan["date"].weekday() == 6 or plan["lang"] == "en"):
            ch = wchoice(rng, {"email": 35, "formulaire_web": 30, "chat": 15})
        return ch

    def pick_time(self, ch: str, d: dt.date) -> dt.datetime:
        rng = self.rng
        wd = d.weekday()
        if ch == "telephone":
            if wd == 5:
                mins = rng.randrange(9 * 60, 12 * 60 + 30)
            else:
                h = wchoice(rng, {8: 5, 9: 14, 10: 15, 11: 14, 12: 6, 13: 7, 14: 13, 15: 12, 16: 11, 17: 9, 18: 5})
                mins = h * 60 + rng.randrange(60) if h != 8 else 8 * 60 + 30 + rng.randrange(30)
        elif ch == "chat":
            lo, hi = (8 * 60, 21 * 60) if wd < 5 else ((9 * 60, 19 * 60) if wd == 5 else (10 * 60, 18 * 60))
            mins = rng.randrange(lo, hi)
        else:
            if wd < 5:
                hw = [0.3, 0.15, 0.08, 0.05, 0.05, 0.15, 0.5, 1.3, 2.6, 3.2, 3.3, 3.0, 2.2, 2.4, 3.0, 2.9, 2.7, 2.4,
                      2.0, 2.0, 2.3, 2.4, 1.8, 0.9]
            else:
                hw = [0.5, 0.3, 0.1, 0.05, 0.05, 0.1, 0.2, 0.6, 1.4, 2.2, 2.6, 2.6, 2.0, 1.8, 2.2, 2.4, 2.4, 2.3,
                      2.2, 2.4, 2.6, 2.5, 1.9, 1.0]
            h = wchoice(rng, list(enumerate(hw)))
            mins = h * 60 + rng.randrange(60)
        return dt.datetime.combine(d, dt.time(mins // 60, mins % 60, rng.randrange(60)))

    def pick_secondary(self, plan: dict) -> str | None:
        rng = self.rng
        t = self.topics[plan["topic"]]
        p_sec = {"email": 0.28, "formulaire_web": 0.26, "telephone": 0.2, "chat": 0.15}[plan["channel"]]
        if t["planted"] == "intense" or plan["mode"] == "short" or rng.random() >= p_sec:
            return None
        cands = []
        for key, o in self.topics.items():
            if key == t["key"] or o["planted"] == "intense":
                continue
            if not (o["sec_en"] if plan["lang"] == "en" else o["sec"]):
                continue
            if o["planted"] == "emerging" and plan["date"] < EMERGING_ONSET:
                continue
            w = (3.0 if o["stage"] == t["stage"] else 1.0) * SEC_BOOST.get(key, 1.0)
            if o["planted"] == "blind_spot":
                w = 2.0 if t["stage"] == "livraison" else 0.3
            cands.append((key, w))
        return wchoice(rng, cands)

    def decorate(self, plan: dict) -> None:
        rng = self.rng
        t = self.topics[plan["topic"]]
        plan["channel"] = self.pick_channel(plan)
        plan["dt"] = self.pick_time(plan["channel"], plan["date"])
        m = plan["matter"]
        if plan["contact_n"] >= 2:
            prev = m["tickets"][plan["contact_n"] - 2]
            plan["prev_date"] = prev["date"]
            plan["first_date"] = m["tickets"][0]["date"]
            plan["prev_plan"] = prev
        ch = plan["channel"]
        mode = "normal"
        if ch in ("email", "formulaire_web", "chat"):
            if plan["contact_n"] >= 2 and rng.random() < (0.3 if ch != "chat" else 0.35):
                mode = "short"
            elif plan["contact_n"] == 1 and rng.random() < 0.022:
                mode = "short"
            elif ch != "chat" and t["frus"] >= 0.3:
                p_long = {"intense": 0.3, "recurring_small": 0.22, "recurring_medium": 0.14}.get(t["planted"], 0.105)
                if rng.random() < p_long:
                    mode = "long"
        plan["mode"] = mode
        plan["sec"] = self.pick_secondary(plan)
        plan["card"] = (t["key"] in CARD_TOPICS and ch != "telephone" and mode != "short" and rng.random() < 0.022)

    # -- near duplicates, ids, rendering, fields
    def add_near_duplicates(self, plans: list[dict]) -> list[dict]:
        rng = self.rng
        eligible = [p for p in plans if p["channel"] in ("email", "formulaire_web", "chat") and p["mode"] != "short"
                    and not (self.topics[p["topic"]]["planted"] == "emerging" and p["date"] < EMERGING_ONSET + dt.timedelta(days=7))]
        target = round(0.02 * len(plans) * 1.02)
        chosen = rng.sample(eligible, target)
        chosen.sort(key=lambda p: p["seq"])
        out = []
        for p in chosen:
            left = (dt.datetime.combine(p["date"], dt.time(23, 59, 59)) - p["dt"]).total_seconds() / 60
            if left < 3:
                continue
            minutes = rng.randrange(2, int(min(left, 45)) + 1)
            nd = dict(p)
            nd["dt"] = p["dt"] + dt.timedelta(minutes=minutes, seconds=rng.randrange(60))
            nd["near_dup_of"] = p
            nd["seq"] = len(plans) + len(out)
            out.append(nd)
        return out

    def pick_category(self, plan: dict, rng: random.Random) -> str:
        t = self.topics[plan["topic"]]
        r = rng.random()
        ca = t["catchall"] + CATCHALL_BOOST
        if r < ca:
            return wchoice(rng, {"Autre": 45, "Divers": 22, "": 33})
        if r < ca + 0.16:
            if plan["sec"] and rng.random() < 0.4:
                sc = self.topics[plan["sec"]]["cats"]
                best = max(sc.items(), key=lambda kv: kv[1])[0]
                if best not in t["cats"]:
                    return best
            return rng.choice(t["wrong"])
        return wchoice(rng, t["cats"])


ISSUE_KEYS = {"recurring_large": "recurring_double_debit", "recurring_medium": "recurring_return_damage_fees",
              "recurring_small": "recurring_breakdown_assistance", "emerging": "emerging_sms_code",
              "intense": "intense_termination_penalty", "blind_spot": "blind_spot_ev_charging"}
PRODUCTS = ["LOA", "LLD", "Crédit auto", "Crédit-bail pro", "Assurance emprunteur", "Entretien+"]
HEADER = ["numero_ticket", "date_creation", "canal", "objet", "message", "produit", "categorie", "id_client",
          "satisfaction"]


def near_dup_edit(orig: dict, plan: dict, rng: random.Random) -> dict:
    msg, obj = orig["message"], orig["objet"]
    pii = [dict(x) for x in orig["pii"]]
    en = plan["lang"] == "en"
    fem = plan["cust"]["gender"] == "f"
    html = msg.startswith("<")

    def ok(new_msg: str) -> bool:
        return all(x["value"] in new_msg for x in pii if x["field"] == "message")

    edits = rng.sample(["prepend", "ps", "drop_last", "greet", "punct", "trim_end"], k=rng.choice([1, 1, 2]))
    for e in edits:
        new = msg
        if e == "prepend":
            line = rng.choice(["Resending in case the first one didn't go through.", "Sorry, sent too early:"] if en else
                              ["Je renvoie mon message, je ne suis pas sûr" + ("e" if fem else "") + " qu'il soit bien parti.",
                               "(2e envoi)", "Désolé" + ("e" if fem else "") + ", message incomplet, le voici en entier :",
                               "Je vous renvoie ma demande :"])
            new = (f"<p>{line}</p>" + msg) if html else line + "\n\n" + msg
        elif e == "ps":
            if rng.random() < 0.5:
                c = format_contract(rng, plan["cust"]["contract"])
                line = (f"PS: my contract number is {c}" if en else f"PS : j'oubliais, mon numéro de contrat est le {c}")
                pii.append({"kind": "CONTRACT", "field": "message", "value": c})
            else:
                line = "PS: please reply by email." if en else rng.choice(["PS : merci de me répondre par mail plutôt.",
                                                                            "PS : je suis joignable toute la journée."])
            new = msg + (f"<p>{line}</p>" if html else "\n\n" + line)
        elif e == "drop_last":
            lines = msg.split("\n")
            if len(lines) > 3:
                new = "\n".join(lines[:-1]).rstrip()
        elif e == "greet":
            for a, b in (("Bonjour", "Bonsoir"), ("Bonsoir", "Bonjour"), ("Hello", "Hi"), ("Hi,", "Hello,"),
                         ("Cordialement", "Bien cordialement"), ("Merci", "Merci beaucoup")):
                if a in msg:
                    new = msg.replace(a, b, 1)
                    break
        elif e == "punct":
            new = re.sub(r"(?<=[a-zà-ÿ]{3})([?!.])(\s|$)", lambda m: m.group(1) * 3 + m.group(2), msg, count=2)
        elif e == "trim_end":
            new = msg.rstrip(" .!") + ("!!" if rng.random() < 0.5 else "")
        if new != msg and ok(new):
            msg = new
        else:
            pii = [x for x in pii if x["field"] != "message" or x["value"] in msg]
    if msg == orig["message"]:
        msg = msg + ("\n" if not html else "<br>") + ("(resent)" if en else "(renvoi)")
    r = rng.random()
    if r < 0.2 and obj:
        obj = rng.choice(["TR: ", "Fwd: ", "RE: "]) + obj
    elif r < 0.3:
        obj = ""
        pii = [x for x in pii if x["field"] != "objet"]
    return {"objet": obj, "message": msg, "pii": pii}


def iso_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def build(seed: int) -> tuple[list[list[str]], list[dict], dict, dict]:
    gen = Generator(seed)
    topics = gen.topics
    plans = gen.schedule()
    for i, p in enumerate(plans):
        p["seq"] = i
    plans += gen.add_near_duplicates(plans)
    plans.sort(key=lambda p: (p["dt"], p["seq"]))
    rng = random.Random(f"{seed}:ids")
    cur = 411_873
    for i, p in enumerate(plans):
        cur += rng.choice([1, 1, 1, 1, 2, 2, 3, 4, 6])
        p["id"] = f"TK-{cur:07d}"
        p["idx"] = i
    for p in plans:
        if "prev_plan" in p:
            p["prev_id"] = p["prev_plan"]["id"]
    # render originals, then near duplicates from them
    out: dict[int, dict] = {}
    for p in plans:
        if "near_dup_of" not in p:
            out[p["idx"]] = render_ticket(p, topics, seed)
    for p in plans:
        if "near_dup_of" in p:
            out[p["idx"]] = near_dup_edit(out[p["near_dup_of"]["idx"]], p, random.Random(f"{seed}:nd:{p['idx']}"))
    # categories, product, satisfaction
    frng = random.Random(f"{seed}:fields")
    for p in plans:
        t = topics[p["topic"]]
        if "near_dup_of" in p and frng.random() < 0.7:
            p["categorie"] = None  # copied below
        else:
            p["categorie"] = gen.pick_category(p, frng)
        r = frng.random()
        p["produit"] = "" if r < 0.07 else (frng.choice(PRODUCTS) if r < 0.095 else p["cust"]["product"])
        sat_p = 0.158 if (END - p["date"]).days > 10 else 0.05
        if frng.random() < sat_p:
            f = t["frus"]
            w = {1: 5 + 45 * f, 2: 8 + 22 * f, 3: 17.0, 4: 35 - 25 * f, 5: 35 - 30 * f}
            if p["contact_n"] >= 2:
                w[1] += 10
                w[2] += 5
            p["satisfaction"] = str(wchoice(frng, w))
        else:
            p["satisfaction"] = ""
    for p in plans:
        if p["categorie"] is None:
            p["categorie"] = p["near_dup_of"]["categorie"]
    # blind spot: exact catch-all share
    bs = [p for p in plans if topics[p["topic"]]["planted"] == "blind_spot"]
    k = round(0.78 * len(bs))
    order = list(range(len(bs)))
    frng.shuffle(order)
    for rank, j in enumerate(order):
        p = bs[j]
        t = topics[p["topic"]]
        p["categorie"] = wchoice(frng, {"Autre": 45, "Divers": 22, "": 33}) if rank < k else frng.choice(t["wrong"])
    # rows, with exact duplicates
    n = len(plans)
    drng = random.Random(f"{seed}:dups")
    dup_idx = sorted(drng.sample(range(n), round(0.005 * n)))
    pending: dict[int, list[int]] = defaultdict(list)
    for i in dup_idx:
        pending[min(n - 1, i + drng.choice([0, 0, 1, 2, 3]))].append(i)
    rows: list[list[str]] = []
    truth: list[dict] = []

    def emit(p: dict, dup: bool) -> None:
        r = out[p["idx"]]
        t = topics[p["topic"]]
        rows.append([p["id"], p["dt"].strftime("%Y-%m-%d %H:%M:%S"), p["channel"], r["objet"], r["message"],
                     p["produit"], p["categorie"], p["cust"]["cid"], p["satisfaction"]])
        truth.append({
            "row": len(rows), "numero_ticket": p["id"], "topic": p["topic"], "secondary_topic": p["sec"],
            "stage": t["stage"], "lang": p["lang"], "planted": ISSUE_KEYS.get(t["planted"]),
            "duplicate_of": p["id"] if dup else None,
            "near_duplicate_of": p["near_dup_of"]["id"] if "near_dup_of" in p else None,
            "recontact_of": p["prev_id"] if ("prev_id" in p and "near_dup_of" not in p) else None,
            "pii": r["pii"],
        })
    for i, p in enumerate(plans):
        emit(p, False)
        for j in pending.get(i, []):
            emit(plans[j], True)
    # ground truth summary
    gt = ground_truth_summary(seed, topics, plans, rows, truth)
    return rows, truth, gt, {"plans": plans, "topics": topics, "gen": gen}


def ground_truth_summary(seed, topics, plans, rows, truth) -> dict:
    weeks = []
    d = START
    while d <= END:
        w = iso_week(d)
        if w not in weeks:
            weeks.append(w)
        d += dt.timedelta(days=1)
    issues = []
    for t in topics.values():
        if not t["planted"]:
            continue
        ps = [p for p in plans if p["topic"] == t["key"]]
        wc = {w: 0 for w in weeks}
        for p in ps:
            wc[iso_week(p["date"])] += 1
        ca = sum(1 for p in ps if p["categorie"] in CATCH_ALL) / len(ps)
        issues.append({
            "key": ISSUE_KEYS[t["planted"]], "kind": t["kind"], "size_label": t["size"], "stage": t["stage"],
            "topic": t["key"], "planted_label": t["planted"],
            "description_fr": t["desc_fr"], "description_en": t["desc_en"],
            "n_tickets": len(ps), "n_rows": sum(1 for x in truth if x["topic"] == t["key"]),
            "n_customers": len({p["cust"]["cid"] for p in ps}), "n_en": sum(1 for p in ps if p["lang"] == "en"),
            "first_date": min(p["date"] for p in ps).isoformat(), "last_date": max(p["date"] for p in ps).isoformat(),
            "weekly_counts": wc, "catch_all_share": round(ca, 4),
            "ticket_ids": [p["id"] for p in ps],
        })
    return {
        "generated_with": {"seed": seed, "script": "generate_tickets.py"},
        "period": {"start": START.isoformat(), "end": END.isoformat()},
        "company": {"name": "FinAuto (fictional)", "domain": "finauto-exemple.fr",
                    "non_personal_emails": [SERVICE_EMAIL, NOREPLY_EMAIL]},
        "counts": {"rows": len(rows), "unique_tickets": len(plans),
                   "exact_duplicate_rows": sum(1 for x in truth if x["duplicate_of"]),
                   "near_duplicates": sum(1 for x in truth if x["near_duplicate_of"] and not x["duplicate_of"])},
        "stages": STAGES,
        "topics": [{"key": t["key"], "stage": t["stage"], "planted": t["planted"]} for t in topics.values()],
        "catch_all_categories": list(CATCH_ALL),
        "planted_issues": issues,
    }


def write_outputs(out_dir: str, rows, truth, gt) -> dict[str, str]:
    os.makedirs(out_dir, exist_ok=True)
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    w.writerow(HEADER)
    w.writerows(rows)
    files = {
        "tickets.csv": buf.getvalue(),
        "ground_truth.json": json.dumps(gt, ensure_ascii=False, indent=1) + "\n",
        "ground_truth_tickets.jsonl": "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in truth),
    }
    hashes = {}
    for name, content in files.items():
        data = content.encode("utf-8")
        with open(os.path.join(out_dir, name), "wb") as f:
            f.write(data)
        hashes[name] = hashlib.sha256(data).hexdigest()
    return hashes


# ----------------------------------------------------------------------------------------------
# Self-check (reads the files back) and summary
# ----------------------------------------------------------------------------------------------

def self_check(out_dir: str, verbose: bool = True) -> list[str]:
    problems: list[str] = []
    with open(os.path.join(out_dir, "tickets.csv"), encoding="utf-8", newline="") as f:
        raw = f.read()
    if raw.startswith("\ufeff"):
        problems.append("BOM present")
    rows = list(csv.reader(io.StringIO(raw), delimiter=";"))
    header, data = rows[0], rows[1:]
    if header != HEADER:
        problems.append(f"bad header {header}")
    truth = [json.loads(line) for line in open(os.path.join(out_dir, "ground_truth_tickets.jsonl"), encoding="utf-8")]
    gt = json.load(open(os.path.join(out_dir, "ground_truth.json"), encoding="utf-8"))
    if len(truth) != len(data):
        problems.append(f"jsonl {len(truth)} lines != csv {len(data)} rows")
    by_id: dict[str, list[str]] = {}
    n_pii = Counter()
    pii_tickets = 0
    for row, tr in zip(data, truth):
        if len(row) != len(HEADER):
            problems.append(f"row {tr['row']}: {len(row)} fields")
        if row[0] != tr["numero_ticket"]:
            problems.append(f"row {tr['row']}: id mismatch")
        if not re.fullmatch(r"TK-\d{7}", row[0]) or not re.fullmatch(r"C\d{6}", row[7]):
            problems.append(f"row {tr['row']}: bad id format")
        d = dt.datetime.strptime(row[1], "%Y-%m-%d %H:%M:%S").date()
        if not START <= d <= END:
            problems.append(f"row {tr['row']}: date out of range")
        if row[0] in by_id and by_id[row[0]] != row:
            problems.append(f"row {tr['row']}: same id, different content")
        if row[0] in by_id and not tr["duplicate_of"]:
            problems.append(f"row {tr['row']}: repeated id not flagged as duplicate")
        by_id[row[0]] = row
        if tr["pii"]:
            pii_tickets += 1
        for x in tr["pii"]:
            field = row[3] if x["field"] == "objet" else row[4]
            n_pii[x["kind"]] += 1
            if x["value"] not in field:
                problems.append(f"row {tr['row']}: PII {x['kind']} {x['value']!r} not in {x['field']}")
            if "\n" in x["value"] or "<" in x["value"]:
                problems.append(f"row {tr['row']}: PII value spans a line break or tag")
            if x["kind"] == "IBAN" and not iban_is_valid(x["value"]):
                problems.append(f"row {tr['row']}: invalid IBAN {x['value']}")
            if x["kind"] == "CARD" and not (luhn_ok(x["value"]) and len(re.sub(r'\D', '', x['value'])) == 16):
                problems.append(f"row {tr['row']}: invalid card {x['value']}")
            if x["kind"] == "VIN" and (len(x["value"]) != 17 or set("IOQ") & set(x["value"])):
                problems.append(f"row {tr['row']}: bad VIN")
            if x["kind"] == "CONTRACT" and not re.fullmatch(r"(LOA|LLD|CRD|CBP)[- ]?20\d\d[- ]?\d{6}", x["value"], re.I):
                problems.append(f"row {tr['row']}: bad contract {x['value']}")
            if x["kind"] == "CUSTOMER_ID" and not re.fullmatch(r"CLI-?\d{7}", x["value"], re.I):
                problems.append(f"row {tr['row']}: bad customer id {x['value']}")
    issues = {i["key"]: i for i in gt["planted_issues"]}
    em = issues["emerging_sms_code"]
    wc = [v for v in em["weekly_counts"].values()]
    nz = [v for v in wc if v]
    if any(nz[i] >= nz[i + 1] for i in range(len(nz) - 1)) or em["first_date"] != EMERGING_ONSET.isoformat():
        problems.append(f"emerging weekly counts not strictly increasing from onset: {nz} {em['first_date']}")
    if sum(1 for v in wc if v) != 3:
        problems.append("emerging issue should span exactly 3 ISO weeks")
    ranges = {"recurring_double_debit": (600, 750), "recurring_return_damage_fees": (300, 400),
              "recurring_breakdown_assistance": (150, 220), "emerging_sms_code": (150, 250),
              "intense_termination_penalty": (40, 60), "blind_spot_ev_charging": (150, 200)}
    for key, (lo, hi) in ranges.items():
        if not lo <= issues[key]["n_tickets"] <= hi:
            problems.append(f"{key}: {issues[key]['n_tickets']} tickets outside {lo}-{hi}")
    bs = issues["blind_spot_ev_charging"]["catch_all_share"]
    if not 0.75 <= bs <= 0.80:
        problems.append(f"blind spot catch-all share {bs}")
    if verbose:
        n = len(data)
        print(f"rows={n} unique_ids={len(by_id)} exact_dup_rows={sum(1 for t in truth if t['duplicate_of'])} "
              f"near_dups={sum(1 for t in truth if t['near_duplicate_of'] and not t['duplicate_of'])}")
        print("lang:", dict(Counter(t["lang"] for t in truth)))
        print("channel:", {k: f"{v} ({100 * v / n:.1f}%)" for k, v in Counter(r[2] for r in data).most_common()})
        cat = Counter(r[6] for r in data)
        print("category:", {(k or "<empty>"): v for k, v in cat.most_common()})
        print(f"catch-all share: {sum(cat[k] for k in CATCH_ALL) / n:.3f}")
        print("product:", {(k or "<empty>"): v for k, v in Counter(r[5] for r in data).most_common()})
        print(f"satisfaction filled: {sum(1 for r in data if r[8]) / n:.3f}",
              dict(sorted(Counter(r[8] for r in data if r[8]).items())))
        print(f"tickets with PII: {pii_tickets / n:.3f}", dict(n_pii.most_common()))
        print(f"subject empty: {sum(1 for r in data if not r[3]) / n:.3f}")
        words = [len(r[4].split()) for r in data]
        print(f"very short (<=8 words): {sum(1 for w in words if w <= 8) / n:.3f}; "
              f"long (>=600 chars): {sum(1 for r in data if len(r[4]) >= 600) / n:.3f}; "
              f">2500 chars: {sum(1 for r in data if len(r[4]) > 2500)}")
        print(f"secondary topic: {sum(1 for t in truth if t['secondary_topic']) / n:.3f}; "
              f"recontacts: {sum(1 for t in truth if t['recontact_of']) / n:.3f}")
        custs = Counter(r[7] for r, t in zip(data, truth) if not t["duplicate_of"])
        print(f"customers={len(custs)} with >1 ticket: {sum(1 for v in custs.values() if v > 1) / len(custs):.3f}")
        html = sum(1 for r in data if r[2] in ("email", "formulaire_web") and re.search(r"<(p|br|div|b)>", r[4]))
        ew = sum(1 for r in data if r[2] in ("email", "formulaire_web"))
        quoted = sum(1 for r in data if r[2] == "email" and ("a écrit :" in r[4] or "wrote:" in r[4] or "Message d'origine" in r[4] or "Envoyé :" in r[4]))
        print(f"html in email/web: {html / ew:.3f}; quoted emails: {quoted / sum(1 for r in data if r[2] == 'email'):.3f}")
        for i in gt["planted_issues"]:
            nzw = {k: v for k, v in i["weekly_counts"].items() if v}
            print(f"  {i['key']:32s} n={i['n_tickets']:4d} rows={i['n_rows']:4d} cust={i['n_customers']:3d} "
                  f"en={i['n_en']:3d} catch_all={i['catch_all_share']:.2f} first={i['first_date']}"
                  + (f" weeks={list(nzw.values())}" if i["kind"] == "emerging" else ""))
        topic_counts = Counter(t["topic"] for t in truth)
        print("topics:", dict(topic_counts.most_common()))
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--out-dir", default=os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    rows, truth, gt, _ = build(args.seed)
    hashes = write_outputs(args.out_dir, rows, truth, gt)
    problems = self_check(args.out_dir, verbose=not args.quiet)
    if not args.quiet:
        for name, h in hashes.items():
            print(f"{name}: sha256 {h}")
    for p in problems[:50]:
        print("PROBLEM:", p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
