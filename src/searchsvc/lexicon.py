"""Stem overrides for Dutch and German: irregular verb forms and weak-verb inflections Snowball leaves apart.

Snowball strips endings but knows no verbs: it leaves Dutch 'speelt'/'spelen', 'liep'/'lopen' and German
'sagt'/'sagen', 'ging'/'gehen' on different stems. This module maps such forms to the stem of their
infinitive, before Snowball sees them:

* irregular (strong) verbs, from the hand-written tables below (grammar-book principal parts), also behind
  separable and inseparable prefixes (toegeslagen -> toeslaan, umgegangen -> umgehen); forms that are
  mostly nouns (nl 'reden', 'week', de 'Stand', 'Band') are left out on purpose;
* weak verbs by rule: strip a person/tense/participle ending (-t, -de, -te, ge-...-d, -et, -te, ge-...-t)
  and accept the result only when an attested infinitive exists for it (spelling rules rebuild it:
  speel -> spelen, zeg -> zeggen, geef -> geven);
* words that are nouns first (nl after 'de', de written with a capital in running text) are never
  rewritten by the weak-verb rule (wet, staat; Macht).

The infinitive and noun lists were mined from the benchmark corpus (corpus-100k: Dutch and German laws),
never from the UD treebanks the evaluation uses: infinitives after 'te'/'zu' (and 'an|zu|wenden'), seen at
least twice. Regenerate with `python bench/quality.py --mine-lexicon`.
"""

from __future__ import annotations

import functools
import re
from typing import Callable

# Dutch strong and irregular verbs: infinitive, then past and participle forms (and odd present forms).
NL_IRREGULAR = """
bederven bedierf bedierven bedorven
bedriegen bedroog bedrogen
beginnen begon begonnen
bevelen beval bevalen bevolen
bewegen bewoog bewogen
bidden bad gebeden
bieden bood boden geboden
bijten beet beten gebeten
binden bond bonden gebonden
blazen blies bliezen geblazen
blijken bleek bleken gebleken
blijven bleef bleven gebleven
breken brak braken gebroken
brengen bracht brachten gebracht
buigen boog gebogen
denken dacht dachten gedacht
doen deed deden gedaan doet doe
dragen droeg droegen gedragen
drijven dreef dreven gedreven
dringen drong drongen gedrongen
drinken dronk dronken gedronken
duiken dook doken gedoken
dwingen dwong dwongen gedwongen
eten at aten gegeten
fluiten floot floten gefloten
gaan ging gingen gegaan gaat ga
gelden gold golden gegolden
genieten genoot genoten
geven gaf gegeven
gieten goot gegoten
glijden gleed gleden gegleden
graven groef groeven gegraven
grijpen greep grepen gegrepen
hangen hing hingen gehangen
hebben had hadden gehad heb hebt heeft
heffen hief hieven geheven
helpen hielp hielpen geholpen
houden hield hielden gehouden
kiezen koos kozen gekozen
kijken keek keken gekeken
klimmen klom klommen geklommen
klinken klonk klonken geklonken
komen kwam kwamen gekomen komt kom
kopen kocht kochten gekocht
krijgen kreeg kregen gekregen
kruipen kroop kropen gekropen
kunnen kon konden gekund kan kunt
laten liet lieten gelaten
lezen las lazen gelezen
liegen loog gelogen
liggen lag lagen gelegen
lijden leden
lijken leek geleken
lopen liep liepen gelopen
meten gemeten
mogen mocht mochten gemogen mag
moeten moest moesten gemoeten
nemen nam genomen neemt neem
prijzen prees prezen geprezen
raden ried rieden geraden
rijden reed gereden
rijzen rees rezen gerezen
roepen riep riepen geroepen
ruiken geroken
scheppen schiep schiepen geschapen
schenken schonk schonken geschonken
schieten schoot geschoten
schijnen scheen schenen geschenen
schrijven schreef schreven geschreven
schrikken schrok schrokken geschrokken
schuiven schoof schoven geschoven
slaan sloeg sloegen geslagen slaat
slapen sliep sliepen geslapen
sluiten gesloten
smelten smolt smolten gesmolten
snijden sneed sneden gesneden
spreken sprak spraken gesproken
springen sprong sprongen gesprongen
staan stond stonden gestaan sta
steken stak gestoken
stelen gestolen
sterven stierf stierven gestorven
stijgen steeg stegen gestegen
strijden streed streden gestreden
strijken streek streken gestreken
treden trad traden getreden
treffen trof troffen getroffen
trekken trok trokken getrokken
vallen viel vielen gevallen
vangen ving vingen gevangen
varen gevaren
vechten vochten gevochten
verdwijnen verdween verdwenen
vergeten vergat vergaten
verliezen verloor verloren
vinden vond vonden gevonden
vliegen vloog vlogen gevlogen
vragen vroeg vroegen gevraagd
vriezen vroor vroren gevroren
wegen woog wogen gewogen
werpen wierp wierpen geworpen
werven wierf wierven geworven
weten wist wisten geweten weet
wijken geweken
wijzen wees gewezen
willen wou gewild wil wilt
winnen won wonnen gewonnen
worden werd werden geworden wordt word
zeggen zei zeiden gezegd
zenden zond zonden gezonden
zien zag gezien ziet zie
zingen zong zongen gezongen
zinken zonk zonken gezonken
zitten zat zaten gezeten
zoeken zocht zochten gezocht
zuigen zoog zogen gezogen
zwemmen zwom zwommen gezwommen
zweren zwoer zwoeren gezworen
zwijgen zweeg zwegen gezwegen
"""

# German strong and irregular verbs: infinitive, then present forms with a vowel change, past, participle.
DE_IRREGULAR = """
befehlen befiehlt befahl befohlen
beginnen begann begannen begonnen
beißen biss bissen gebissen
bergen birgt barg geborgen
bieten bot boten geboten
binden bindet gebunden
bitten bat baten gebeten
blasen bläst blies geblasen
bleiben blieb blieben geblieben
braten brät briet gebraten
brechen bricht brach brachen gebrochen
brennen brannte brannten gebrannt
bringen brachte brachten gebracht
denken dachte dachten gedacht
dringen drang drangen gedrungen
dürfen darf durfte durften gedurft
empfehlen empfiehlt empfahl empfahlen empfohlen
essen isst aß aßen gegessen
fahren fährt fuhr fuhren gefahren
fallen fällt fiel fielen gefallen
fangen fängt fing fingen gefangen
finden fand fanden gefunden
fliegen flog flogen geflogen
fliehen floh flohen geflohen
fließen floss flossen geflossen
frieren fror froren gefroren
geben gibt gab gaben gegeben gibst
gehen ging gingen gegangen
gelingen gelang gelungen
gelten gilt galt galten gegolten
genießen genoss genossen
geschehen geschieht geschah geschahen
gewinnen gewann gewannen gewonnen
gießen goss gossen gegossen
gleichen glich glichen geglichen
graben gräbt grub gruben gegraben
greifen griffen gegriffen
haben hat hatte hatten gehabt hast
halten hält hielt hielten gehalten
hängen hing hingen gehangen
heben hob hoben gehoben
heißen hieß hießen geheißen
helfen hilft half halfen geholfen
kennen kannte kannten gekannt
klingen klang klangen geklungen
kommen kam kamen gekommen
können kann kannst konnte konnten gekonnt
laden lädt lud luden geladen
lassen lässt läßt ließ ließen gelassen
laufen läuft lief liefen gelaufen
leiden litt litten gelitten
leihen lieh liehen geliehen
lesen liest las lasen gelesen
liegen lag lagen gelegen
lügen log logen gelogen
meiden mied mieden gemieden
messen misst maßen gemessen
mögen mag mochte mochten gemocht
müssen muss muß musste mußte mussten gemusst
nehmen nimmt nahm nahmen genommen nimmst
nennen nannte nannten genannt
raten rät riet rieten geraten
reißen rissen gerissen
reiten ritten geritten
rennen rannte rannten gerannt
riechen roch rochen gerochen
rufen rief riefen gerufen
schaffen schuf schufen geschaffen
scheiden schied schieden geschieden
scheinen schien schienen geschienen
schieben schob schoben geschoben
schießen schoss schossen geschossen
schlafen schläft schlief schliefen geschlafen
schlagen schlägt schlug schlugen geschlagen
schließen schloss schlossen geschlossen schloß
schneiden schnitten geschnitten
schreiben schrieb schrieben geschrieben
schreien schrie schrien geschrien
schweigen schwieg schwiegen geschwiegen
schwimmen schwamm schwammen geschwommen
sehen sieht sah sahen gesehen siehst
senden sandte sandten gesandt
singen sang sangen gesungen
sinken sank sanken gesunken
sitzen saß saßen gesessen
sprechen spricht sprach sprachen gesprochen
springen sprang sprangen gesprungen
stehen stand standen gestanden
stehlen stiehlt stahl stahlen gestohlen
steigen stieg stiegen gestiegen
sterben stirbt starb starben gestorben
stoßen stößt stieß stießen gestoßen
streiten stritt stritten gestritten
tragen trägt trug trugen getragen
treffen trifft traf trafen getroffen
treiben trieben getrieben
treten tritt trat traten getreten
trinken trank tranken getrunken
tun tut tat taten getan
vergessen vergisst vergaß vergaßen
verlieren verlor verloren
wachsen wächst wuchs wuchsen gewachsen
waschen wäscht wusch gewaschen
weisen wies wiesen gewiesen
wenden wandte wandten gewandt
werben wirbt warb warben geworben
werden wird wurde wurden geworden wirst
werfen wirft warf warfen geworfen
wiegen wog wogen gewogen
wissen weiß weiss wusste wußte wussten wußten gewusst gewußt
wollen will willst wollte wollten gewollt
ziehen zog zogen gezogen
zwingen zwang zwangen gezwungen
"""

NL_INFINITIVES = """
aanbevelen aanbieden aanbrengen aanduiden aangeven aanhouden aanjagen aankondigen aanlaten aanleggen aanmelden
aanmerken aanmoedigen aannemen aanpassen aanprijzen aanschaffen aansluiten aanspreken aanstellen aantasten
aantekenen aantonen aantrekken aanvaarden aanvangen aanvoeren aanvragen aanvullen aanwenden aanwijzen
aanzeggen aanzuiveren achten achterhalen actualiseren administreren adviseren afbreken afbuigen afdekken
afdoen afdragen afdwingen afgeven afhalen afkopen afleggen afleiden afleveren aflossen afluisteren afnemen
afronden afschermen afschieten afschrijven afsluiten afstemmen aftappen aftrekken afwenden afwijken afwijzen
afwikkelen afzien afzonderen algemeen analyseren antwoorden beantwoorden bedienen bedingen bedragen bedreigen
begeleiden begeven beginnen begrijpen begroten behalen behandelen behartigen beheersen beheren behoeden
behooren behoren behouden beklagen bekleden bekostigen bekrachtigen belasten beleggen belemmeren belenen
beletten beleven belijden belopen bemachtigen bemannen bemiddelen bemoeilijken benadelen benaderen benoemen
benutten beogen beoordelen bepalen beperken beproeven beraadslagen berechten bereiden bereiken berekenen
bergen beroepen berusten beschadigen beschermen beschikken beschouwen beschrijven beslechten beslissen
besluiten besparen bespreken besteden bestemmen bestrijden bestuderen besturen betalen betekenen beteugelen
betrachten betreden betreffen betrekken betwijfelen betwisten bevatten beveiligen bevelen bevestigen bevinden
bevoordelen bevorderen bewaken bewaren bewegen bewerken bewerkstelligen bewijzen bezichtigen bezien bezigen
bezitten bezoeken bezorgen bezwaren beëindigen beïnvloeden bieden bijdragen bijhouden bijvoegen bijwonen
binden blazen blijken blijven blokkeren boeken borgen bouwen boven breiden breken brengen buigen buiten
circuleeren communiceren compenseeren compenseren conserveren consigneren consulteren controleren corrigeren
coördineren dagvaarden dateren deelen dekken delen deponeren derven dezen dien dienen dingen doden doen
doorbetalen doorbrengen doordelen doorgeleiden doorgeven doorhalen doornemen doorvoeren doorzoeken dragen
dreigen drijven drinken drukken duchten duiden dulden dupliceren duren dwingen eerbiedigen eigenen eindigen
eisen erkennen etiketteren executeren exploiteren faciliteren factureren financieren fokken fuseren garanderen
gebruiken gedogen gedoogen gedragen gelasten gelden geleiden genieten geraken geschieden geven grijpen groeien
gunnen halen handelen handhaven hanteren haren hebben hechten heffen helpen hergebruiken herhalen herkennen
herleiden heropenen heroverwegen herrekenen herroepen herstellen hervatten herverzekeringsbemiddelen herzien
hinderen honoreren horen houden huisvesten hunnen huren identificeren inboeken inbrengen indienen informeren
ingrijpen inhouden initiëren inlaten inleiden inleveren inlichten innemen innen inrichten inroepen inschakelen
inschrijven insluiten inspannen installeren instellen instemmen integreren interneren intrekken introduceren
inverhogen investeren invoegen invoeren invorderen invullen inwilligen inwinnen inzamelen inzenden inzetten
inzien jagen kennen keren keuren kiezen koken komen kondigen kopen koppelen korten krijgen kunnen kwijten
laden landen laten leggen legitimeren leiden lenen leven leveren lezen lichten liggen lijden litten lokken
loodsen loopen lopen losleveren lossen lozen luiden luisteren maken manipuleren maximaliseren meedelen
meenemen meevoeren meewerken melden mengen merken meten misbruiken misleiden moderniseren moedigen mogen
monitoren motiveren nabetalen naheffen nakomen nalaten naleven nanoemen nastreven neerleggen nemen nodigen
noemen oefenen omantwoorden ombeletten ombeoordelen ombepalen omberaadslagen ombereiken ombeschikken
ombeslissen ombewerkstelligen omcirculeeren omdienen omdrijven omdrinken omeindigen omhandelen omkiezen
omkomen omkunnen ommeten omonderhandelen omreizen omsaneren omschrijven omtrachten omvatten omverblijven
omverhuizen omverklaren omvermoeden omveronderstellen omverschijnen omverzekeren omvoldoen omvoorkomen
omvoorzien omvrezen omwaarborgen omworden omzeilen omzetten omzorgen onderbreken onderbrengen onderhandelen
onderhouden ondernemen onderscheiden onderstellen ondersteunen ondertekenen ondervangen ondervinden
ondervragen onderwerpen onderzoeken ontbinden ontbreken ontdekken ontdoen ontduiken onteigenen ontgronden
ontheffen onthouden ontkomen ontlenen ontnemen ontplooien ontraden ontruimen onttrekken ontvallen ontvangen
ontwikkelen ontzeggen oordelen opbouwen opdoen opdragen opeisen openbaren openen opgelden opgeven ophalen
opheffen ophouden opkomen opleggen opleveren oplopen oplossen opmaken opnemen oprichten oproepen opruimen
opschorten opsporen opstellen opstijgen optellen optimaliseren optreden opvangen opvoeden opvolgen opvragen
opzeggen organiseren overbrengen overconserveren overdragen overhandigen overlaten overleggen overlijden
overmaken overnemen overschrijden overtreffen overtuigen pakken passen plaatsen plegen plukken preciseren
prijzen procederen produceren profiteren publiceren raadplegen rapporteren reageren realiseren rechtvaardigen
reconstrueren redden regelen registreren reiken reizen rekenen repliceren reserveren respecteren resteren
richten rijden roepen ronden ruilen ruimen rusten samenleven samenlopen samenstellen samenvallen samenvoegen
samenwerken saneren schaden schaffen schakelen schatten scheiden schelden schermen schieten schikken schorsen
schorten schrijven signaleren slopen sluiten snijden spannen specificeren splitsen sporen spreken staken
stellen stemmen steunen stijgen stimuleren storten straffen strekken streven stuiten sturen stuwen subsidiëren
tappen tasten teekenen tekenen telen tellen terugbetalen teruggeven terugkeren terugkomen terugnemen
terugroepen terugvorderen terugwijzen terugzenden toebehoren toebrengen toeeigenen toekennen toelaten
toelichten toepassen toerekenen toeschrijven toestemmen toetsen toevoegen toewijzen toezeggen toezenden
toezien tonen traceren trachten transformeren treden treffen trekken twijfelen uitbesteden uitbetalen
uitblijven uitbreiden uitbrengen uitdrukken uiten uitgeven uitkeren uitkiezen uitkunnen uitlaten uitlenen
uitleveren uitlokken uitmaken uitnodigen uitoefenen uitreiken uitschakelen uitschrijven uitsluiten uitspreken
uitstellen uitvaardigen uitvallen uitvaren uitvoeren uitwisselen uitwissen uitzenden uitzetten uitzullen
vaardigen vallen vangen varen vastkunnen vastleggen vaststellen vatten vellen veranderen verantwoorden
verbergen verbeteren verbieden verbinden verblijven verbouwen verbranden verbruiken verdagen verdedigen
verdelen verdienen verdragen vereffenen verenigen vergaderen vergelijken vergemakkelijken vergen vergewissen
vergezellen vergoeden vergroten vergunnen verhalen verhandelen verhelen verhelpen verhinderen verhogen
verhoren verhuizen verhuren verifiëren verijdelen verkavelen verkeren verkiezen verklaren verkopen verkrijgen
verlagen verlangen verlaten verleenen verleiden verlenen verlengen verlijden vermeerderen vermelden
vermenigvuldigen vermijden verminderen vermoeden vernemen vernielen vernietigen vernieuwen veronderstellen
veroordelen veroorzaken verpakken verplaatsen verplichten verrekenen verrichten verschaffen verschijnen
verspreiden versterken verstoren verstrekken vertalen vertegenwoordigen verteren vertoeven vertonen vertragen
vertrekken vervaardigen vervallen vervalsen vervangen verveelvoudigen vervoeren vervolgen vervolmaken
vervreemden vervroegen vervullen verwaarlozen verwachten verwekken verwerken verwerpen verwerven
verwezenlijken verwijderen verwijten verwijzen verzamelen verzegelen verzekeren verzenden verzetten verzoeken
verzorgen vestigen vinden vissen vloeien voeden voegen voeren volbrengen voldoen volgen voltooien voorbereiden
voorbetalen voordragen voorkomen voorleggen voorlichten voorschieten voorschrijven voorstellen voorzien
vorderen voren vormen vragen vrezen vrijwaren vullen waarborgen waarschuwen waken weerhouden wegen weglaten
wegnemen wegonderhouden wegrijden weigeren wenden wensen weren werken werpen weten wijken wijten wijzen
wijzigen wikkelen willen willigen winnen wisselen wissen wonen worden wurden zamelen zamen zeggen zenden
zetten zien zijnen zoeken zonderen zorgen zuiveren zullen
"""
DE_INFINITIVES = """
abbauen abberufen abbiegen abbilden abblenden abbrechen abbuchen abdecken abdeckenden abdichten aberkennen
abfahren abfassen abfinden abfindenden abfragen abführen abführenden abfüllen abgeben abgebenden abgelten
abgeltenden abgleichen abgrenzen abgsfähigen abhalten abhaltenden abheben abheften abhelfen abholen abklären
abkürzen ablagern ablagernden ablegen ablegenden ablehnen ableisten ableistenden ableiten ableitenden
abliefern abliefernden ablösen ablösenden abmelden abmildern abnehmen abrechnen abrechnenden abregeln
abrichten abrufen abrunden abschaltbaren abschalten abschließen abschließenden abschneiden abschreiben
abschreibenden abschätzen absehen absenden absenken absetzen absetzenden absichern absichernden absolvieren
absolvierenden absondern absorbierenden abspalten absperren absprechen abstellen abstimmen abstimmenden
abstufen abtrennen abtreten abtretenden abverlangen abwarten abwehren abweichen abweichenden abweisen abwenden
abwendenden abwickeln abwickelnden abwägen abwägenden abziehen abziehenden abzinsen abändern abändernden
achten achtzehn addieren administrativen ahnden aktivieren aktivierenden aktualisieren aktualisierenden
aktuellen akzeptieren allgemeinen ambulanten amtlichen analysieren analytischen anbahnen anbauen anberaumen
anberaumenden anbieten anbietenden anbinden anbindenden anbringen anbringenden androhen aneignen anerkennen
anerkennenden anfahren anfechten anfertigen anfertigenden anfordern anfordernden anfragen anfügen anführen
anführenden angeben angebenden angehören angeln angemessenen angleichen angreifen angrenzenden anhalten
anheben anheften anhören anhörenden ankaufen ankern ankreuzen ankündigen anlanden anlaufen anlegen anlegenden
anleiten anlocken anmelden anmeldenden annehmen annehmenden annullieren anonymisieren anordnen anpassen
anpassenden anpflanzen anrechnen anrechnenden anregen anrichten anrufen ansagen ansammeln anschaffen
anschließen anschließenden anschreiben ansehen ansehenden ansetzen ansetzenden ansiedeln anstellen
anstellenden anstreben anstrebenden anstreichen antreten antworten anvertrauen anvertrauenden anweisen
anwenden anwendenden anwendungsspezifischen anzeigen anzeigenden anzweifeln arbeiten aufbauen aufbereiten
aufbewahren aufbewahrenden aufbrauchen aufbringen aufbringenden aufdecken aufdrucken auferlegen auffahren
auffangen auffassen auffinden auffordern aufforsten auffrischen aufführen aufführenden auffüllen aufgeben
aufgeführten aufgliedern aufgreifen aufhalten aufheben aufhebenden aufkleben aufklären aufklärenden aufkochen
aufkommen auflegen auflisten auflösen auflösenden aufnehmen aufnehmenden aufrechnen aufrufen aufrunden
aufschieben aufschlüsseln aufschütten aufstallen aufstellen aufstellenden aufstocken aufstoppen aufsuchen
aufteilen aufteilenden auftreten aufwenden aufwendenden aufwerten aufzeichnen aufzeichnenden aufzeigen
ausarbeiten ausbauen ausbeuterischen ausbieten ausbilden ausbildenden ausbreiten ausbringen ausdehnen
ausdrucken ausdrücken ausfertigen ausfertigenden ausführen ausführenden ausfüllen ausgeben ausgebenden
ausgehen ausgestalten ausgleichen ausgleichenden ausgliedern ausgliedernden ausgraben aushandeln aushändigen
aushändigenden aushängen auskehren auskehrenden auslegen auslegenden auslesen ausliefern ausloben
ausländischen ausnehmen ausnehmenden ausnutzen ausprägen ausprägenden ausreichen ausreißen ausrichten
ausräumen ausrüsten aussagen ausschalten ausscheiden ausschlagen ausschließen ausschneiden ausschreiben
ausschöpfen ausschütten ausschüttenden aussetzen aussondern aussprechen ausstatten ausstattenden ausstellen
ausstellenden austauschen austauschenden ausweichen ausweisen ausweisenden ausweiten auswerten auswählen
auswählenden auswärtigen auszahlen auszahlenden auszeichnen ausübenden authentifizieren authentisieren baden
bauen bauenden baulichen beachten beachtenden beanspruchen beanstanden beanstandenden beantragen beantworten
bearbeiten bearbeitenden beaufsichtigen beaufsichtigenden beauftragen beauftragenden beauskunftenden bebauen
bebauenden bebunkernden bedecken bedienen bedienenden bedrucken bedürfen beeidigen beeidigenden beeinflussen
beeinträchtigen beenden beendigen befahren befahrenden befassen befehlen befestigen befinden befolgen
befolgenden befragen befragenden befreien befreienden befriedigen befriedigenden befristen befähigen befördern
befördernden befüllen befürchten befürchtenden begeben begegnen begehen beginnen beglaubigen begleichen
begleiten begrenzen begründen begründenden begrünen begutachtenden begünstigten behalten behandeln
behandelnden beheben beherbergen beherrschen behindern behördeninternen beibehalten beibringen beibringenden
beifügen beifügenden beigeben beiladen beilegen beilegenden beimessen beimessenden beinhalten beiordnen
beistehen beitragen beitreiben beitreibenden beitreten beiwohnen beiziehen bekanntgeben bekanntmachen
bekanntmachenden bekleiden bekunden bekämpfen beladen belassen belassenden belasten belastenden belegen
belehren beleihen beleihenden beleuchten beliefern belästigen bemerken bemessen bemessenden bemühen
benachbarten benachrichtigen benachteiligen benennen benennenden benoten benutzen benutzenden benötigen
beobachten beobachtenden bepflanzen beproben beraten beratenden berechnen berechnenden bereichern bereinigen
bereiten bergtechnischen berichten berichtenden berichtigen berichtigenden berufen berufenden
berufsständischen berücksichtigen berücksichtigenden berücksichtigten beschaffen beschaffenden bescheiden
bescheinigen beschießen beschlagnahmen beschleunigen beschließen beschließenden beschreiben beschreiten
beschriften beschränken beschweren beschädigen beschäftigen beseitigen besetzen besetzenden besichtigen
besichtigenden besitzen besonderen besorgen besprechen bessern bestehen bestehenden bestellen bestellenden
besteuern besteuernden bestimmen bestimmenden bestimmten bestreiten bestätigen bestätigenden besuchen
beteiligen beteiligenden beteiligten betrachten betrachtenden betragen betrauen betreiben betreibenden
betreten betreuen betreuenden betrieblichen betätigen betäuben beunruhigen beurkunden beurkundenden beurteilen
beurteilenden bevollmächtigen bevorzugen bewachen bewahren bewegen beweisen beweisenden bewerben bewerten
bewertenden bewilligen bewirken bewirkenden bewirtschaften bewältigen bewältigenden bezahlen bezeichnen
bezeichnenden bezeichneten bezeugen beziehen beziehenden beziffern bieten bilanzieren bilden bildenden
billigen bitten biwakieren bleiben bringen bringenden buchen bundeseinheitlichen chancengleichen
charakterisieren darlegen darstellen darstellenden deaktivieren decken deckenden definieren demjenigen
demontieren demselben denjenigen denselben derartigen derselben desinfizieren destillieren diagnostischen
diagnostizieren dienen dienstlichen diesbezüglichen differenzieren diskriminieren diskutieren disponieren
dividieren dokumentieren dokumentierenden dritten drohenden drängen drücken dulden durchfahren durchfahrenden
durchführen durchführenden durchkreuzen durchlaufen durchlaufenden durchsehen durchsetzen durchstreichen
durchsuchen durchsuchenden dürfen ehrenamtlichen einarbeiten einbauen einbauenden einbehalten einbehaltenden
einberufen einberufenden einbeziehen einbeziehenden einbinden einbringen einbringenden einbürgern eindringen
eindämmen einfahren einfinden einfordern einfügen einführen einführenden eingeben eingebenden eingehen
eingliedern eingreifen eingrenzen einhalten einhaltenden einheften einholen einholenden einigen einkaufen
einladen einladenden einlagern einlagernden einlaufen einlegen einleiten einleitenden einlösen einmessen
einnehmen einordnen einpflegen einplanen einrechnen einreichen einreichenden einreihen einrichten
einrichtenden einräumen einrücken einsammeln einschalten einschlagen einschließen einschreiten einschränken
einschätzen einschüchtern einsehen einsenden einsetzen einsetzenden einspeisen einsperren einstehen einstellen
einstellenden einstufen einstufenden einteilen eintragen eintragenden eintreten einverleiben einweisen
einwerfen einwilligen einwirken einzahlen einzeichnen einzelnen einziehen einziehenden eliminieren empfangen
empfehlen energiestatistischen entbinden enteignenden entfalten entfernen entgehen enthalten entheben
entkräften entladen entlassen entlassenden entlasten entledigen entleeren entnehmen entnehmenden entpflichten
entrichten entrichtenden entscheiden entschädigen entschädigenden entsenden entsendenden entseuchen entsorgen
entsorgenden entsprechen entsprechenden entstehen entstempeln entwerfen entwerten entwesen entwickeln
entwickelnden entziehen entzünden erachten erachtenden erarbeiten erbringen erbringenden erden erfassen
erfassenden erfolgen erforderlichen erforschen erfragen erfüllen erfüllenden ergeben ergehen ergreifen
ergreifenden ergänzen ergänzenden erhalten erhaltenden erheben erhebenden erheblichen erhöhen erhöhenden
erkennen erklären erklärenden erkunden erkundenden erlangen erlassen erlassenden erlauben erledigen
erledigenden erlegen erleichtern erleiden erläutern ermahnen ermessen ermitteln ermittelnden ermächtigen
ermäßigen ermöglichen ernennen ernennenden erneuern ernähren ernährungsphysiologischen erproben errechnen
errechnenden erreichen erreichenden errichten errichtenden erscheinen erschleichen erschließen erschweren
erschüttern ersehen ersetzen ersetzenden erstatten erstattenden erstellen erstellenden erstrecken ersuchen
ersuchenden erteilen erteilenden erteilten erwarten erwartenden erwecken erweisen erweisenden erweitern
erweiterten erwerben erwerbenden erwerbsmäßigen erwirken erwähnen erzeugen erziehen erzielen erzielenden
erzwingen eröffnen erörtern erörternden etikettieren etwaigen evaluieren experimentellen exportieren
extensivieren extremistischen fachlichen fahren fairen fallen falten fangen fassen fassenden fertigen
fertigenden festhalten festigen festlegen festlegenden festmachen festnehmen festschreiben festsetzen
festsetzenden feststellen feststellenden finanziellen finanzieren finanzierenden finden finishen fixieren
folgen folgenden fordern fordernden formulieren forschen forstwirtschaftlichen fortbilden fortentwickeln
fortführen fortnehmen fortschreiben fortschreibenden fortsetzen fortzahlen fortzahlenden fragen freibekommen
freigeben freigebenden freihalten freihaltenden freilassen freimachen freisetzenden freistellen freistellenden
freiwilligen fremden früheren funktionieren färben fördern fördernden fügen führen führenden fünfzehn füttern
geben gebenden gebrauchen geeigneten gefährden gefährdenden gehören gekuppelten gelangen gelten gemeinnützigen
gemeinsamen genannten genehmigen genehmigenden generieren genetischen genügen geplanten geringen geringeren
geschehen geschäftsführenden geschützten gestalten gestatten gestellen gewerblichen gewerbsmäßigen gewichten
gewinnen gewinnenden gewissen gewähren gewährenden gewährleisten geänderten gießen gleichachten gleichen
gleichsetzen gleichstellen gleichstellenden gliedern gravieren grenzüberschreitenden gründen gründenden haben
haften halten haltenden handeln handhaben hegen heilen helfen herausgeben herausgebenden herausnehmen
herausrechnen herbeiführen herleiten herrichten herstellen herstellenden hindern hinfügen hinführen
hingekommen hingekommenen hingerechneten hingetretenen hingezogen hingezogenen hinnehmen hinterlassen
hinterlegen hinterlegenden hintreten hinweisen hinwirken hinziehen hinzufügen hinzurechnen hinzurechnenden
hinzusetzen hinzuziehen hinzuzählen historischen hochrechnen hohen hybriden höheren hören hörenden
identifizieren identifizierenden impfenden implementieren industriellen informationstechnischen informieren
initiieren inländischen inspizieren installieren installierenden integrieren internationalen internen
interpretieren intonieren investieren isolieren juristischen kalibrieren kalkulieren kapitalisieren
kategorisieren kaufen kehren kennen kennzeichnen kennzeichnenden klassifizieren kleinen kleingärtnerischen
kleinräumigen klimatisieren klären knüpfen kommen kommerziellen kommunizieren kompensieren komplexen
konfigurieren konkreten konkretisieren konsolidieren konstruieren konsultieren kontaktieren kontrollieren
kontrollierenden konzentrieren konzipieren kooperieren koordinieren koordinierenden kopieren korrigieren
krisenhaften kritischen kuppeln können kündigen kündigenden künftigen kürzen laden lagern lagernden landen
landesspezifischen landwirtschaftlichen lassen lassenden laufen laufenden leben leeren legen legenden leiden
leisten leistenden leistungsrechtlichen leiten lenken lernen lesen liefern liefernden liegen lindern
liquidieren lokalen lärmen löschen löschenden lösen lösenden machen machenden mahnen markieren marktgerechten
marktmäßigen marktüblichen maximieren medizinischen mehreren meiden melden meldenden meldepflichtigen messen
messenden mieten mildern militärischen minderjährigen mindern minimieren mischen mitarbeiten mitbestimmen
mitbringen mitfahren mitführen mitführenden mitgestalten mitgewinnen mitliefern mitnehmen mitnutzenden
mitrechnen mitteilen mitteilenden mitteln mitverarbeitenden mitwirken mitzeichnen mitzählen mobilisieren
modellieren moderieren montieren motivieren multiplizieren möglichen müssen nacharbeiten nachbehandeln
nachbessern nachbilden nachdienen nachentrichten nachentrichtenden nacherheben nachfordern nachfragen
nachgehen nachholen nachholenden nachkommen nachmelden nachprüfen nachreichen nachreichenden nachrüsten
nachstellen nachsuchen nachtragen nachversichern nachversichernden nachvollziehen nachweisen nachweisenden
nachzahlen nachzahlenden natürlichen navigieren nehmen nehmenden nennen neuen nichtgewerblichen
nichtkommerziellen nichtlandwirtschaftlichen nichtmedizinischen nichtöffentlichen niedrigen niedrigeren
normalisieren notifizieren notifizierenden notwendigen numerieren nummerieren nutzen nutzenden nächtigen
näheren nötigen offenbaren offenlegen offenlegenden optimieren optischen ordnen organisieren orientieren
orthopädischen packen parametrieren parken patientenrelevanten pauschalieren personellen personenbezogenen
persönlichen pflegen pflegenden planen planenden platzieren polieren positionieren potenziellen praxisfremden
priorisieren privaten privatisieren produzieren prognostizieren projizieren protokollieren präsentieren prüfen
prüfenden pseudonymisieren pseudonymisierten qualifizieren quantifizieren quittieren rauchen raumbedeutsamen
reagieren realisieren recherchieren rechnen rechtfertigen rechtsextremistischen rechtsstaatlichen recyceln
reduzieren reflektieren regeln regelnden registrieren registrierenden regulieren reichen reinigen reiten
rekonstruieren renaturieren reparieren restaurieren retten retuschieren richten richtenden roden runden
rundenden räumen rügen rüsten sammeln sanieren sanierenden schaffen schaffenden schalten schieben schießen
schlachten schlechteren schleifen schleppen schleusen schlichtenden schließen schließenden schonen schreiben
schulen schulenden schweren schwerwiegenden schädigen schädlichen schätzen schütten schützen schützenden
segeln sehen sektorenübergreifenden selbständigen senden senken sensibilisieren sensiblen setzen setzenden
sichern sichernden sichten sieben signieren signierenden simulieren sinken sofern sonstigen sorgen speichern
speichernden sperren sperrenden speziellen spezifischen spezifizieren sponsern sprechen stabilisieren staffeln
starken starten stationären statistischen stattfinden stattgeben stauen stehen steigern stellen stellenden
stempeln steuerbegünstigten steuerfreien steuerlichen steuern steuerpflichtigen stimmen stornieren streichen
streichenden streuen strukturellen strukturieren stunden stärken stören stützen substantiieren suchen surfen
sämtlichen tagen tauschen technischen teilen teilenden teilhaben teilnehmen telemedizinischen testen testenden
testieren thematisieren tilgen tilgenden touristischen tragen tragenden trainieren transparenten
transplantieren transportieren treffen treffenden treiben trennen trennenden treten treuen tränken typischen
tätigen täuschen töten umbauen umbauenden umbrechen umdeuten umfassen umformen umfrieden umgehen umgestalten
umgswilligen umladen umlegen umlegenden umleiten umnummerieren umranden umrechnen umrechnenden umrüsten
umschreiben umschreibenden umsetzen umstellen umstellenden umtauschen umtragen umwandeln umwandelnden
umweltbezogenen umwerten umzustellen ungünstigen ungünstigeren unterbinden unterbleiben unterbrechen
unterbreiten unterbringen unterbringenden untergliedern untergraben unterhalten unterhaltenden unterlassen
unterlaufen unterlegen unternehmen unterordnen unterrichten unterrichtenden untersagen unterscheiden
unterschiedlichen unterschreiben unterschreiten unterstellen unterstellenden unterstreichen unterstützen
untersuchen untersuchenden unterteilen unterweisen unterwerfen unterzeichnen unterziehen unverhältnismäßigen
urteilen validieren verabreichen verabschieden verabschiedenden verankern veranlagen veranlassen veranschlagen
veranstalten verantworten verantwortenden verantwortlichen verarbeiten verarbeitenden verbergen verbessern
verbieten verbinden verbindenden verbleiben verbrauchen verbreiten verbreitenden verbreitern verbrennen
verbriefen verbringen verbringenden verbuchen verbundenen verbüßen verbüßenden verdampfenden verdecken
verdeutlichen verdienen verdoppeln verdrahten vereidigen vereinbaren vereinbarenden vereinfachen
vereinheitlichen vereinigen vereiteln verfahren verfahrensfremden verfassen verfeuern verfolgen verfügbaren
verfügen verfüttern vergeben vergebenden vergewissern vergleichbaren vergleichen vergrößern vergällen vergüten
vergütenden verhalten verhandeln verhindern verhindernden verholen verhängen verhüten verhütenden verifizieren
verkaufen verkaufenden verkehren verketten verknüpfen verkünden verkürzen verladen verlangen verlassen
verlaufen verlautbaren verlegen verlegenden verleihen verleiten verlesen verletzen verlieren verlängern
verlängernden vermarkten vermarktenden vermeiden vermelden vermerken vermessen vermieten vermindern vermischen
vermitteln vermittelnden vermuten vernachlässigen vernachlässigenden vernehmen vernehmenden verneinen
vernichten verpacken verpflichten verpflichtenden verpfänden verrechnen verrechnenden verrichten verrichtenden
verringern versagen verschaffen verschieben verschiedenen verschleiern verschließen verschlüsseln verschonen
versehen versehenden versenden versendenden versetzen versichern versiegeln versorgen versorgenden versprechen
verstehen versteigern versteigernden versteuern versteuernden verstoßen verständigen verstärken versuchen
verteidigen verteilen verteilenden vertiefen vertiefenden vertraglichen vertreiben vertreten vertretenden
vertretenen verunreinigen verursachen verurteilen vervielfachen vervielfältigen vervollständigen verwahren
verwalten verwaltenden verwarnen verwechseln verweigern verweisen verwenden verwendenden verwerfen verwerten
verwertenden verwirklichen verwirklichenden verzahnen verzeichnen verzichten verzinsen verzinsenden verzögern
verändern veräußern veräußernden veröffentlichen veröffentlichenden visualisieren vollstrecken vollstreckenden
vollziehen vollziehenden vorangehen voranstellen vorbehalten vorbehaltenden vorbehandeln vorbeifahren
vorbereiten vorbereitenden vorbeugen vorbringen vorenthalten vorführen vorgeben vorgehen vorhalten
vorhaltenden vorlegen vorlegenden vorleisten vorlesen vorliegen vornehmen vornehmenden vorrichten vorschießen
vorschlagen vorschlagenden vorschleifen vorschreiben vorsehen vorsehenden vorstellen vortragen vortäuschen
vorweisen vorwerfen vorzeigen wachen wahlberechtigten wahren wahrenden warnen warten waschen wechseln
wechselnden wecken weggefallen weglassen wegnehmen wegwerfen wehren weiteren wenden wenn werben werden werfen
werten wesentlichen wessen wettbewerbsfähigen wettbewerbsrelevanten widerlegen widerrufen widersprechen widmen
wiederbeschaffen wiederbesetzen wiedergeben wiedergewinnen wiederholen wiederholenden wiederholten
wiederkehrenden wiederverwenden wirken wirtschaftlichen wissen wissenschaftlichen wohnen
wohnumfeldverbessernden wollen wählen wählenden würdigen zahlen zahlenden zehn zeichnen zeigen zelten zerlegen
zerlegenden zerstören zertifizieren zertifizierenden ziehen ziehenden zuarbeiten zubereiten zueignen
zuerkennen zufügen zuführen zuführenden zugreifen zuhören zulassen zulassenden zuleiten zulässigen zumutbaren
zumuten zuordnen zuordnenden zurechnen zurechnenden zurichten zurückbefördern zurückbehalten zurückbehaltenden
zurückbringen zurückerstatten zurückerwerben zurückfordern zurückfordernden zurückführen zurückführenden
zurückgeben zurückgebenden zurückgewinnen zurückgewähren zurückgewährenden zurückgreifen zurückkaufen
zurückkehren zurücklassen zurücklegen zurücknehmen zurücknehmenden zurückrufen zurückschicken zurücksenden
zurückstellen zurücktauschen zurücktreten zurückverbringen zurückverfolgen zurückverweisen zurückweisen
zurückzahlen zurückzahlenden zurückziehen zurückübereignen zurücküberstellen zurückübertragen
zurückübertragenden zurücküberweisen zusagen zusammenarbeiten zusammenbauen zusammenfassen zusammenfassenden
zusammenfügen zusammenführen zusammennähen zusammenrechnen zusammenschließen zusammensetzen zusammenstellen
zusammentreffen zusammenwirken zusammenziehen zusammenzählen zuschneiden zuschreiben zusenden zusichern
zustellen zustellenden zustimmen zusätzlichen zuteilen zuteilenden zuweisen zuweisenden zuwenden zuziehen
zuziehenden zweifeln zwingen zählen züchten ähnlichen ändern ändernden ärztlichen äußern öffentlichen öffnen
örtlichen üben überarbeiten überbrücken übereignen überführen übergeben übergebenden überholen überlassen
überleiten übermitteln übermittelnden übernehmen übernehmenden überprüfen überprüfenden überschreiben
überschreiten übersehen übersenden übersendenden übersetzen übertragen übertragenden überwachen überwachenden
überweisen überweisenden überwinden überzeugen überziehen üblichen
"""
NL_NOUNS = """
aanbevolen aandacht aanspraken aanvragen afspraken bedragen bedrijven benadeelden beperkt beroepen beschreven
beslagen besloten besluiten bestreden betrokken bevelen bewezen bewijzen bezoeken bijdragen binnenvaart erven
graven ingreep kom leden lijken ondervonden onderwerpen onderzoeken ontbonden onteigenden ontslagen ontvangen
ontwerpen oproepen overleden prijzen raden ruimten staat streek teelt uitspraken uitvaart vaart verboden
verbonden verdachten verdragen verkregen verliezen verloren verschenen verslagen verstreken vervallen
vervangen verwezen verworven verzekerden verzoeken voorraden voorvallen voorwerpen vragen wees wegen wetten
wijzen wil
"""
DE_NOUNS = """
abbrennen abfahren abfahrt abfahrten abfuhr abgaben abgemahnte abgemahnten abgeordnete abgeordneten
abgeordneter abklingen abkommen abladen ablassen ablesen abmahnende abmahnenden abnahmen abnehmender
abschießen abschnitten absenden absprachen absteigen abtragen abtretende abweichendes abwiegen anbauten
anbringen andenken andrang anerbieten anfahren anfahrt anfuhr angaben angestellte angestellten angestellter
angriffen anhängen anlagen anlassen anleihen anliegen anmeldende annahmen annehmende annehmender anreißen
anrufende anschaffen anschreiben ansehen anstieg anteilscheinen antragende antragenden antreffen antrieben
antritt anweisende anweisenden anzeigende anzunehmenden aufbauten aufbrechen aufbringen aufenthalten auffahren
auffinden aufgaben aufkommen aufladen auflagen aufliegen aufnahmen aufrechnenden aufreißen aufschließen
aufstieg auftragen auftreffen aufwuchs aufziehen ausbauten ausbildende ausbildender ausbleiben ausbringen
ausfahrt ausfahrten ausfuhr ausfuhren ausgaben ausgezeichneten ausladen auslagen auslaufen auslesen auslobende
auslobenden ausnahmen aussagenden ausscheiden aussehen aussprachen aussteigen aussterben ausstieg austragen
austreten austritt auszubildenden badenden bauten beauftragter bedachte bedachten bedenken befragender
begriffen beilagen beisitzende beisitzendem beisitzenden beisitzender beitretende beitritt belag belten
benachrichtigenden benachteiligende benehmen bergen beschneiden beschreibenden beschwerte beschwerten
beschwerter beschädigte beschädigten beschädigter beschäftigte beschäftigtem beschäftigten beschäftigter
besteigen bestreitenden beteiligte beteiligter betreute betreuten betreuter betrug bevollmächtigte
bevollmächtigtem bevollmächtigten bevollmächtigter bewenden bewerbende bewerbenden bewuchs boten braten
brennen buchst bucht buchten denken dienst dienste diensten dienstes durchfahrt durchfahrten durchfuhr
durchwuchs einbauten einberufende einblasen einbringen einbringende eindringen einfahrt einfahrten einfangen
einfuhr einfuhren eingaben eingießen eingreifen eingriffen einklang einkommen einlagen einlaufen einnahmen
einschießen einschnitten einschreiben eintreffen eintritt einvernehmen einzahlende einzahlenden einzahlender
einzuarbeitenden entgelten entladen entnahmen entsprechendes erben erklärende erklärender erlegen ermessen
essen fahrt fahrten festgemachte folgendes forschende fortkommen freianlagen freifahrt freigaben freiwerden
gefahren genossen geprüfte geprüften geschossen geschädigte geschädigten geschädigter getötete gießen ging
graben greifen gruben helfenden herausfallen herausnehmen herunterladen hervortreten hinausschieben
hinzutreten hinzuverdienst hinzuverdienstes internet kehrt klang kopierte leiden lesen losverfahren maßen
mitbeteiligten miterben mitfahren mitfliegen mitverpflichteten nachbauten nacherben nachfliegen nachgeben
nachverfahren nachversicherten nachwuchs produzierenden produzierendes prüfendem prüfender raten ratte
realisiertes rennen rissen scheidet schieben schienen schießen schlafen schneiden schnitten schreiben schulter
schwimmen sehtest siebten singen sitzen sprach sprachen stahl sterbenden stiegen tat taten teilabschnitten
teilanlagen teilaufgaben teilbetrieben teilgaben teilvorhaben trieben trinken umherziehen umladen umlagen
umschlagen unterabschnitten unterentnahmen unterlagen unternehmen unterschied unterzeichnenden verbot
verbrechen verbringen verbringende verdienst verdienste verdienstes vereinigte vereinigten verfahren verfolgte
verfolgten verfolgter vergehen verhalten verlag verletzte verletzten vermögen verpflichtete verpflichteten
verpflichteter verschießen verschneiden verschweigen versicherte versicherten versicherter versprechenden
versterben verurteilten verwandten verwarnte verwarnten verzichtende verzichtenden vorbeifahrt vorbescheiden
vorbringen vorerben vorfahrt vorgaben vorgehen vorgesetzte vorgesetzten vorgesetzter vorhaben vorlagen
vorlesen vorsitzende vorsitzendem vorsitzenden vorsitzender vortat vortaten vorverfahren waschen weglassen
werbende werft werften wiederaufbauten wiederauffinden wiederaufgreifen wiederausfuhr wiedereinstieg
wiedereintritt wiedergaben wiedergewinnen wiederladen wiegen wiesen wissen zertifiziertem zertifiziertes
zufahrt zufahrten zufuhr zugewendete zugriffen zuhörende zulagen zurückbringen zurückgebende zurückgeforderte
zurückzulassende zusammenbringen zusammentritt zuschneiden zutat zutaten zutritt zutun zuwendende zuwendenden
zwang zweifelt überbringen übereinkommen überentnahmen überfahrt überholende überholenden überlaufen
übernahmen überschlagen überschreiben übertragendem übertritt
"""

# Table forms left out because the word is mostly something else (a noun, an adjective).
_NOT_VERB_FORMS = {
    "nl": {"at", "bad", "bond", "lagen", "boog"},
    "de": {"stand", "schloss", "schloß"},
}
# Prefixes a verb form can carry: separable particles and inseparable prefixes.
NL_PREFIXES = (
    "aan af bij binnen door in mee na neer om onder op over samen terug toe tegen uit vast voor weg los "
    "be ver ont her er ge"
).split()
DE_PREFIXES = (
    "ab an auf aus bei ein fest fort her hin mit nach vor weg zu zurück zusammen dar statt teil um durch "
    "über unter wieder los frei hinzu heraus voran vorbei be er ver zer ent miss"
).split()
_SEPARABLE = {"nl": set(NL_PREFIXES[:20]), "de": set(DE_PREFIXES[:30])}


def _table(text: str, lang: str) -> dict[str, str]:
    """Return form -> infinitive for a table of principal parts."""
    out: dict[str, str] = {}
    for line in text.strip().splitlines():
        inf, *forms = line.split()
        for form in forms:
            if form not in _NOT_VERB_FORMS[lang]:
                out.setdefault(form, inf)
        out.setdefault(inf, inf)
    return out


IRREGULAR = {"nl": _table(NL_IRREGULAR, "nl"), "de": _table(DE_IRREGULAR, "de")}
INFINITIVES = {
    "nl": frozenset(NL_INFINITIVES.split()) | frozenset(IRREGULAR["nl"].values()),
    "de": frozenset(DE_INFINITIVES.split()) | frozenset(IRREGULAR["de"].values()),
}
NOUNS = {"nl": frozenset(NL_NOUNS.split()), "de": frozenset(DE_NOUNS.split())}
PREFIXES = {"nl": NL_PREFIXES, "de": DE_PREFIXES}

_VOWELS = "aeiouyäöüéèë"
_NL_LONG = re.compile(r"^(.*?)(aa|ee|oo|uu)([^aeiou])$")


def _irregular(lang: str, word: str) -> str | None:
    """Return the infinitive of an irregular verb form, also behind one prefix, or None."""
    table = IRREGULAR[lang]
    inf = table.get(word)
    if inf:
        return inf
    for prefix in PREFIXES[lang]:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            rest = word[len(prefix):]
            inf = table.get(rest)
            if inf is None and prefix not in _SEPARABLE[lang] and rest.endswith("en"):
                inf = table.get("ge" + rest)  # no ge- after an inseparable prefix: ontslagen, erhoben
            if inf:
                return prefix + inf
    return None


def _nl_infinitives(root: str) -> list[str]:
    """Return the infinitives Dutch spelling allows for a verb root (speel -> spelen, zeg -> zeggen)."""
    if len(root) < 2:
        return []
    last = root[-1]
    out = []
    if last in _VOWELS:
        out.append(root + "n")  # sta(at) -> staan, doe(t) -> doen
    elif len(root) >= 3 and root[-2] in _VOWELS and root[-3] not in _VOWELS:
        out.append(root + last + "en")  # a short vowel: zeg -> zeggen, stel -> stellen (not stelen)
    out.append(root + "en")
    voiced = {"f": "v", "s": "z"}.get(last)
    m = _NL_LONG.match(root)
    if m:
        short = m.group(1) + m.group(2)[0] + m.group(3)  # speel -> spel
        out.append(short + "en")
        if voiced:
            out.append(short[:-1] + voiced + "en")  # geef -> geven, lees -> lezen
    elif voiced:
        out.append(root[:-1] + voiced + "en")  # blijf -> blijven, kies -> kiezen
    return out


_NL_ENDINGS = ("dt", "t", "den", "ten", "de", "te", "ende", "end", "d")
_DE_ENDINGS = ("eten", "etest", "etet", "ete", "test", "tet", "ten", "te", "est", "et", "st", "t",
               "endes", "enden", "endem", "ender", "ende", "end")
_DE_ADJ = ("e", "en", "er", "es", "em")


def _roots(lang: str, word: str) -> list[str]:
    """Return the verb roots a word may be an inflection of, most likely first."""
    roots: list[str] = []
    endings = _NL_ENDINGS if lang == "nl" else _DE_ENDINGS
    stems = [word]
    if word.startswith("ge") and len(word) > 5:
        stems.append(word[2:])  # participle ge-...-d/t
    if lang == "de":
        for adj in _DE_ADJ:  # declined participles: gesagte, bestimmten
            if word.endswith("t" + adj) and len(word) > len(adj) + 4:
                stems.append(word[: -len(adj)])
                if word.startswith("ge"):
                    stems.append(word[2 : -len(adj)])
    elif word.endswith(("de", "te")) and word.startswith("ge"):
        stems.append(word[2:-1])  # gespeelde -> speeld
    for stem in stems:
        for ending in endings:
            if stem.endswith(ending) and len(stem) - len(ending) >= 2:
                root = stem[: -len(ending)]
                if ending == "dt":
                    root = stem[:-1]  # wordt -> word
                roots.append(root)
    return roots


def _weak(lang: str, word: str) -> str | None:
    """Return the attested infinitive of a weak verb form, or None."""
    infinitives = INFINITIVES[lang]
    for root in _roots(lang, word):
        candidates = _nl_infinitives(root) if lang == "nl" else [root + "en", root + "n"]
        for cand in candidates:
            if cand in infinitives:
                return cand
    return None


def infinitive(lang: str, word: str) -> str | None:
    """Return the infinitive a lowercased Dutch or German verb form belongs to, or None to leave it alone."""
    if lang not in IRREGULAR or len(word) < 2:
        return None
    inf = _irregular(lang, word)
    if inf:
        return inf
    if word in NOUNS[lang] or word in INFINITIVES[lang]:
        return None
    inf = _weak(lang, word)
    if inf:
        return inf
    # A separable particle in front: opstelt -> op + stellen, uitgeschakeld -> uit + schakelen.
    for prefix in _SEPARABLE[lang]:
        rest = word[len(prefix):]
        if word.startswith(prefix) and len(rest) >= 3:
            if lang == "de" and rest.startswith("zu") and prefix + rest[2:] in INFINITIVES[lang]:
                return prefix + rest[2:]  # anzuwenden -> anwenden
            if rest in NOUNS[lang]:
                continue
            inf = _irregular(lang, rest) or _weak(lang, rest)
            if inf:
                return prefix + inf
    return None


@functools.lru_cache(maxsize=200_000)
def stem(lang: str, word: str, base: Callable[[str], str]) -> str:
    """Return the stem of a lowercased word: Snowball's stem of its infinitive when it is a known verb form."""
    inf = infinitive(lang, word)
    return base(inf if inf else word)
