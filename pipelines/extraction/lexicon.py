"""General English word lists used by the attribution rules.

Written by hand from general knowledge of English news style; nothing here is derived
from any annotated corpus.
"""

from __future__ import annotations

# Verbs of saying, reporting and writing (lemmas).
SPEECH_VERBS = frozenset("""
say tell report claim state announce add write note argue insist explain warn deny admit
acknowledge confirm estimate predict declare assert maintain contend allege mention reply
respond answer ask repeat reiterate stress emphasize emphasise observe comment remark recall
concede complain boast brag testify tweet post quip joke vow promise pledge threaten urge
demand caution reveal disclose signal hint imply recount relate shout yell scream whisper
mutter exclaim proclaim assure inform notify advise recommend propose counter retort rebut
dispute swear confess lament bemoan decry denounce condemn accuse charge criticize criticise
blame praise hail welcome applaud predict forecast project calculate describe characterize
characterise speculate wonder question acknowledge agree disagree affirm reaffirm underline
underscore highlight conclude caution order instruct suggest contend surmise posit
theorize theorise allege summarize summarise describe portray depict label brand dub
announce advertise broadcast publish print air circulate preach pray plead beg apologize
apologise thank congratulate greet interject interrupt continue begin open close conclude
""".split())

# Verbs of evidence: documents and data "show" or "find" things.
EVIDENCE_VERBS = frozenset("""
show find suggest indicate reveal demonstrate prove confirm conclude establish document
illustrate
""".split())

# Verbs of belief, knowledge, perception of a position, and intention.
BELIEF_VERBS = frozenset("""
believe think expect hope fear worry feel know doubt suspect assume guess suppose reckon
figure consider understand realize realise recognize recognise want wish plan intend aim
seek hope prefer trust bet insist imagine presume anticipate envision envisage foresee
predict hypothesize acknowledge remember forget learn discover notice decide determine
agree accept admit concede deny hold view regard see
""".split())

# Verbs whose direct quotation complement is commonly introduced by a colon.
ALL_CUE_VERBS = SPEECH_VERBS | EVIDENCE_VERBS | BELIEF_VERBS

# Verbs that take a (listener) object and a clause: "X told Z that ...".
DATIVE_VERBS = frozenset("tell inform assure notify warn remind advise promise reassure".split())

# Verbs of relaying someone else's words: "X quoted Z as saying ...".

# Hedges that mark a proposition as hearsay without naming a source.
HEDGE_ADVERBS = frozenset("reportedly allegedly purportedly supposedly reputedly rumoredly".split())

# Nouns naming a stated position: "expressing hope that", "voiced concern that".
POSITION_NOUNS = frozenset("""
hope hopes concern concerns fear fears belief beliefs confidence doubt doubts view views
opinion conviction expectation expectations assurance assurances warning warnings claim
claims assertion allegation allegations suspicion suspicions optimism worry worries
""".split())
# Adjectives that state a holder's position when their complement says about what:
# "is eager to run", "was critical of the deal", "are confident that Y", "were wary of X".
STANCE_ADJECTIVES = frozenset("""
eager glad happy pleased proud concerned worried afraid fearful anxious nervous scared
critical skeptical sceptical wary suspicious doubtful confident optimistic pessimistic
hopeful certain sure convinced adamant insistent clear firm determined committed keen
reluctant hesitant opposed supportive enthusiastic unhappy disappointed frustrated angry
upset furious outraged satisfied dissatisfied grateful thankful sorry cautious sympathetic
unapologetic bullish bearish
""".split())
# Prepositions that say what the stance is about: "critical of", "worried about"; some
# adjectives take their own ("opposed to", "grateful for", "angry at", "confident in"), and
# "critical to", "happy to help" are not stances.
STANCE_PREPS = ("of", "about", "over", "with", "on")
STANCE_ADJECTIVE_PREPS = {
    "opposed": ("to",), "committed": ("to",), "sympathetic": ("to",), "grateful": ("for",),
    "thankful": ("for",), "sorry": ("for", "about"), "angry": ("at", "about", "with", "over"),
    "furious": ("at", "about", "with", "over"), "upset": ("at", "about", "with", "over"),
    "confident": ("in", "of", "about"), "optimistic": ("about",), "pessimistic": ("about",),
    "critical": ("of",), "supportive": ("of",), "proud": ("of",), "afraid": ("of",),
}
# Adjectives whose to-infinitive is not the holder's stance: the writer's prediction ("they
# are sure to win") or politeness ("happy to respond").
NO_INFINITIVE_ADJECTIVES = frozenset("sure certain happy glad pleased proud".split())
POSITION_VERBS = frozenset("express voice raise give offer share air reiterate".split())

# Nouns naming documents and statements that can be sources ("a report found that").
DOCUMENT_NOUNS = frozenset("""
report study survey poll analysis statement document letter memo memorandum data research
filing complaint lawsuit paper review audit assessment investigation inquiry probe findings
finding estimate estimates figures statistics release communique communiqué ruling verdict
indictment affidavit transcript record records evidence testimony email emails message
polling numbers
post tweet video footage book article editorial column report's census index forecast
""".split())

# Nouns describing media outlets; "the newspaper" refers back to an earlier outlet.
MEDIA_NOUNS = frozenset("""
newspaper paper publication outlet daily weekly magazine broadcaster network channel station
agency website site tabloid journal news
""".split())

# Words that typically occur in the names of media outlets.
MEDIA_NAME_WORDS = frozenset("""
times post journal news herald tribune guardian telegraph gazette chronicle daily weekly
mail express independent observer economist reuters bloomberg associated press agency
tass interfax ria novosti xinhua bbc cnn nbc abc cbs fox msnbc npr pbs politico axios
wire radio television tv magazine review standard star sun mirror monitor pais mundo
spiegel zeitung figaro monde repubblica corriere asahi yomiuri kyodo yonhap ap afp dpa
breitbart huffpost huffington hill insider intercept vox atlantic newsweek forbes fortune
""".split())

# Nouns for organisations and governments, used to type unnamed sources.
ORG_NOUNS = frozenset("""
company firm corporation group organization organisation party campaign committee
association union bank fund team club league board council network agency foundation
institute university college school hospital charity coalition alliance movement
""".split())
GOVERNMENT_NOUNS = frozenset("""
government ministry administration department kremlin cabinet parliament congress senate
house pentagon presidency office authorities authority regime state military army police
embassy court prosecutor prosecutors white
""".split())
GOVERNMENT_NAME_WORDS = frozenset("""
ministry department government administration kremlin pentagon congress senate parliament
cabinet embassy house court police army military office commission council agency
""".split())

# Titles and roles that are not part of a person's name.
TITLE_WORDS = frozenset("""
president president-elect vice prime minister secretary senator sen. sen rep. rep
representative congressman congresswoman governor gov. gov mayor chancellor king queen
prince princess sheikh emir sultan pope cardinal bishop reverend rev. father sister
mr. mr mrs. mrs ms. ms miss dr. dr professor prof. general gen. gen colonel col. major
maj. captain capt. lieutenant lt. sergeant sgt. admiral adm. commander cmdr. chief
chairman chairwoman chair ceo cfo coo founder director spokesman spokeswoman spokesperson
leader head deputy ambassador envoy judge justice attorney lawyer speaker
commissioner inspector officer official minister-president premier foreign defense
defence interior finance health justice former late acting then outgoing incoming
candidate nominee hopeful first lady sir dame lord lady
""".split())

# Nouns for individual people, used to type unnamed sources as anonymous or person.
PERSON_NOUNS = frozenset("""
man woman person official source soldier commander spokesman spokeswoman spokesperson
officer resident witness analyst expert lawmaker legislator diplomat aide adviser advisor
minister president leader member worker employee executive director researcher scientist
doctor teacher student voter activist protester protestor lawyer attorney judge
correspondent reporter journalist editor writer author insider insiders colleague friend
relative neighbor neighbour resident citizen official senator representative governor
mayor candidate politician strategist operative pollster economist observer critic
supporter opponent victim survivor farmer owner manager chief spokesperson negotiator
investigator prosecutor detective agent pilot fighter militant rebel commander general
colonel captain sergeant veteran mother father son daughter wife husband parent
counsel defender tycoon mogul billionaire millionaire businessman businesswoman entrepreneur
founder ceo chairman chairwoman anchor commentator pundit columnist blogger historian
professor scholar physician nurse surgeon chancellor premier king queen prince princess
pope bishop priest pastor rabbi imam cleric secretary ambassador envoy delegate congressman
congresswoman councilman councilwoman commissioner sheriff superintendent coach player
athlete actor actress singer comedian celebrity nominee contender challenger incumbent
rival frontrunner campaigner organizer organiser lobbyist donor consultant banker investor
engineer defendant plaintiff suspect juror speaker dad mom brother sister
""".split())

# Pronouns.
PERSON_PRONOUNS = frozenset("he she him her".split())
PLURAL_PRONOUNS = frozenset("they them".split())
NEUTER_PRONOUNS = frozenset("it".split())

# Determiners that mark an unnamed individual.

# Stop words ignored when computing acronyms.
ACRONYM_STOP = frozenset("the of and for in on at to a an &".split())

# Verbs whose direct object (with its secondary complement) states what is attributed:
# "criticized the plan", "called him a liar", "accused her of lying", "announced a bid".
# Speech acts and stances only; verbs of perception, possession or motion are left out.
OBJECT_VERBS = frozenset("""
announce mention note cite reveal disclose report tweet post explain repeat reiterate recall
highlight stress emphasize emphasise underscore acknowledge admit confirm deny dispute reject
dismiss question propose suggest recommend demand request promise pledge vow predict declare
claim describe call label dub brand characterize characterise portray praise tout hail
applaud commend welcome thank congratulate criticize criticise condemn denounce decry blast
slam mock ridicule attack accuse blame fault lament bemoan complain endorse support back
oppose defend favor favour prefer urge echo rebut refute contradict disavow renounce
champion advocate insist allege forecast estimate project proclaim concede guarantee
assure warn remind reaffirm affirm express voice discuss compare list
""".split())

# Things written that "read" what they say ("“…,” the statement read", "the sign reads:"):
# a text verb is a speech verb only with one of these, a name or "it" as its subject.
TEXT_VERBS = frozenset({"read"})
TEXT_NOUNS = DOCUMENT_NOUNS | frozenset("""
note sign banner headline caption text passage verse line ad advertisement poster placard
card label petition suit order notice motto slogan inscription plaque
""".split())

# Verbs of viewing that state a view only with an "as" predicate: "sees X as a threat",
# "cast him as an outsider" (not "saw the ad", "cast a vote").
AS_PREDICATE_VERBS = frozenset("see view regard cast paint frame".split())
# Of those, the ones with a literal sense: a view only of a person ("cast him as a liar").
LITERAL_AS_VERBS = frozenset("cast paint frame".split())
# "saw the city as a teenager": the subject's own age or role at the time, not a view.
LIFE_STAGE_NOUNS = frozenset("teenager child kid boy girl youngster youth adult student".split())

# Prepositions of the setting of a statement ("said in a statement", "during a news
# conference", "following a vote"), after which a that-clause is still the verb's.
CIRCUMSTANCE_PREPS = frozenset("in at during on following after before for with through".split())

# The core verbs of reported speech, trusted where the parse is not: a parenthetical cue
# clause with Y left unattached ("Y, police said.", "Y1, she adds, Y2"), a that-clause hung
# on the setting ("said in a statement that Y").
CORE_REPORTING_VERBS = frozenset("""
say tell add write report explain note argue insist warn claim acknowledge admit concede
predict estimate contend caution suggest observe recall counter maintain stress believe think
""".split())

# Nouns of a moment or manner: "on the day that we launched", "in the way that his father
# spoke" are relative clauses, not what was said; "for years" is when, not why.
RELATIVE_ADVERB_NOUNS = frozenset("""
day night morning evening afternoon week weekend month year moment hour time way point
extent degree place stage period era
""".split())

# Nouns that take a that-clause of their own after a preposition of setting: "in the hope
# that Y", "on the grounds that Y".
NOUNS_WITH_OWN_CLAUSE = frozenset("""
hope belief grounds assumption understanding knowledge expectation fear idea notion sense
condition premise fact claim accusation allegation argument suggestion
""".split())

# Passive cues that still attribute inside a relative clause: ", which is expected to Y",
# "who was seen as Y" (not "who is known as", "that had been discussed").
RELATIVE_PASSIVE_CUES = frozenset("""
expect believe think say report consider see view regard describe allege rumor rumour
suspect estimate predict project reckon presume
""".split())

# "as" phrases that are adverbials, not a view's predicate ("saw a surge as a result").
ADVERBIAL_AS_NOUNS = frozenset("result part whole consequence well usual such".split())

# "made it clear that Y", "made plain that Y".
MAKE_CLEAR_ADJECTIVES = frozenset("clear plain".split())

# "The plan drew criticism from X": a stance of X's on the subject, named by the noun it
# is received as.
RECEIVED_STANCE_NOUNS = frozenset("""
criticism criticisms praise condemnation backlash rebuke rebukes ridicule scorn
endorsement endorsements complaint complaints objection objections
""".split())
RECEIVING_VERBS = frozenset("draw attract face receive earn endure garner win spark prompt provoke trigger".split())

# Verbs that report that speech happened without giving its content ("declined to comment").
NO_CONTENT_VERBS = frozenset("comment elaborate speculate discuss specify talk respond answer".split())

# Verbs of intention and commitment whose to-infinitive states the attributed plan or
# position or request: "vowed to fight", "plans to run", "asked X to resign".
INTENTION_VERBS = frozenset("""
vow pledge promise threaten seek refuse decline plan aim agree offer hope propose urge
swear intend resolve demand volunteer ask order tell instruct want
""".split())

# Prepositions that introduce the second complement of an object verb ("accused X of Y",
# "described X as Y", "blamed X for Y", "compared X to Y").
OBJECT_PREPS = frozenset("of as for to about over on with".split())


# Nouns for unnamed pluralities that hold positions ("voters", "critics", "experts").
GROUP_NOUNS = frozenset("""
people voter voters critic critics expert experts analyst analysts official officials
lawmaker lawmakers republican republicans democrat democrats conservative conservatives
liberal liberals progressive progressives supporter supporters opponent opponents
delegate delegates member members leader leaders activist activists resident residents
american americans citizen citizens economist economists scientist scientists observer
observers strategist strategists advocate advocates donor donors
""".split())

# Verbs whose prepositional object is what is attributed: "called for a ban", "pointed to
# the polls", "warned of a crisis", "railed against the deal". verb lemma -> prepositions.
PREP_CUE_VERBS = {
    "refer": ("to",), "call": ("for", "on"), "point": ("to",), "talk": ("about",),
    "speak": ("about", "of", "against", "for"), "warn": ("of", "about", "against"),
    "rail": ("against",), "side": ("with",), "agree": ("with", "on"),
    "disagree": ("with", "on"), "vote": ("for", "against"), "write": ("about", "of"),
    "respond": ("to", "with", "by"),
    "complain": ("about", "of"), "reply": ("to",), "comment": ("on",), "push": ("for",),
    "argue": ("for", "against"), "advocate": ("for",), "hint": ("at",), "insist": ("on",),
    "testify": ("about", "to"), "boast": ("about", "of"), "brag": ("about",),
    "joke": ("about",), "approve": ("of",), "campaign": ("for", "against", "on"),
    "lobby": ("for", "against"), "press": ("for",), "object": ("to",),
    "apologize": ("for",), "apologise": ("for",), "weigh": ("in",), "elaborate": ("on",),
    "allude": ("to",), "reflect": ("on",), "tweet": ("about",), "blog": ("about",),
    "muse": ("about",), "speculate": ("about", "on"), "dwell": ("on",),
    "rally": ("behind", "around"), "stand": ("by", "with"),
}

# Nouns for sources of evidence that a finding can be "in": "in a new poll, X leads".
EVIDENCE_NOUNS = frozenset("""
poll survey study report analysis research census audit review estimate forecast projection
memo filing
""".split())

# Nouns that name a stated position or speech act; with a possessor they are cues:
# "Trump's claim that …", "her criticism of the deal", "the senator's call for a ban".
# noun lemma -> prepositions that introduce its content (a that-clause always does).
STANCE_NOUNS = {
    "claim": (), "assertion": (), "allegation": ("of",), "argument": ("for", "against"),
    "view": ("on", "of"), "belief": ("in",), "criticism": ("of",), "critique": ("of",),
    "attack": ("on", "against"), "call": ("for",), "demand": ("for",), "promise": (),
    "pledge": (), "warning": ("of", "about", "against"), "suggestion": (), "proposal": ("for",),
    "statement": (), "remark": ("about", "on"), "comment": ("about", "on"),
    "accusation": ("of", "against"), "endorsement": ("of",), "support": ("for", "of"),
    "opposition": ("to",), "denial": ("of",), "insistence": ("on",), "prediction": ("of",),
    "complaint": ("about", "of", "against"), "vow": (), "threat": (), "request": ("for",),
    "fear": ("of",), "concern": ("about", "over"), "hope": ("for",), "doubt": ("about",),
    "defense": ("of",), "defence": ("of",), "praise": ("for", "of"), "condemnation": ("of",),
    "rejection": ("of",), "embrace": ("of",), "description": ("of",), "characterization": ("of",),
    "announcement": (), "admission": (), "acknowledgment": (), "insinuation": (),
    "contention": (), "assessment": ("of",), "estimate": (), "conclusion": (), "finding": (),
    "position": ("on",), "stance": ("on",), "message": (), "assurance": (), "decision": (),
    "plan": ("for",), "push": ("for",), "objection": ("to",),
}

# First words of page furniture that looks like "Name: text" ("FILE PHOTO:", "SEE ALSO:",
# "READ:", "JUST WATCHED", "Editor's note:"): labels, never sources.
PAGE_LABEL_WORDS = frozenset('''
read watch watched see file photo photos video videos update updated related editor just
must click listen advertisement sponsored breaking exclusive opinion live more
'''.split())

# Verbs that link a subject to a stance adjective ("is/remains/seems wary of").
COPULAS = frozenset("be remain seem appear become feel stay grow sound".split())

# Raising verbs of impression: "X seems to Y", "X appears ready to Y".
RAISING_VERBS = frozenset("seem appear".split())

# Idioms of a light verb, its object noun and their own prepositions only ("took issue
# with Y", not "took the stand on Tuesday"; "made no secret of Y").
LIGHT_VERB_IDIOMS = {
    ("take", "issue"): ("with",), ("take", "aim"): ("at",), ("take", "shot"): ("at",),
    ("take", "swipe"): ("at",), ("take", "jab"): ("at",), ("take", "dig"): ("at",),
    ("take", "credit"): ("for",), ("take", "stance"): ("on", "against"),
    ("take", "position"): ("on", "against"), ("make", "secret"): ("of",),
}

# Light verbs that state a position through their object noun: "made the case that Y",
# "offered a defence of Y", "issued a warning about Y", "expressed support for Y"; and the
# verbs of the idioms above.
STANCE_LIGHT_VERBS = POSITION_VERBS | frozenset("make issue deliver lodge level file sound".split())
LIGHT_VERBS = STANCE_LIGHT_VERBS | frozenset(verb for verb, _ in LIGHT_VERB_IDIOMS)
LIGHT_NOUNS = POSITION_NOUNS | frozenset(STANCE_NOUNS) | frozenset("""
case point pitch plea note defense defence objection appeal prediction
""".split())

# Word forms the small model lemmatizes wrongly ("hoping" -> "hop").
LEMMA_FIXES = {"hoping": "hope", "hoped": "hope", "hopes": "hope"}

# Phrasal verbs that are speech acts only with their particle: "pointed out that Y",
# "laid out a plan", "ruled out a run", "fired back at". verb lemma -> particle.
PARTICLE_CUE_VERBS = {
    "point": "out", "lay": "out", "spell": "out", "set": "out", "speak": "out", "lash": "out",
    "fire": "back", "hit": "back", "push": "back", "chime": "in", "weigh": "in",
    "sound": "off", "bring": "up", "play": "down", "rule": "out", "brush": "off",
    "shrug": "off",
}

# Every verb lemma that can head a cue.
ANY_CUE_VERBS = ALL_CUE_VERBS | OBJECT_VERBS | INTENTION_VERBS | frozenset(PREP_CUE_VERBS) \
    | frozenset(PARTICLE_CUE_VERBS) | AS_PREDICATE_VERBS | TEXT_VERBS


def case_variants(words) -> set[str]:
    """Each word as written in lower, title and upper case: spaCy's Matcher compares lemmas
    as they are, and a proper-noun lemma keeps its capitals ('Says' in a headline)."""
    return {v for w in words for v in (w, w.capitalize(), w.upper())}

# Words of an institution's name ("… Foundation for Family Literacy", "… Presidential
# Library"): a name holding one is not a person's, whatever its first word.
INSTITUTION_WORDS = ORG_NOUNS | GOVERNMENT_NOUNS | MEDIA_NAME_WORDS | frozenset(
    "library museum center centre foundation trust institute society fund".split())
