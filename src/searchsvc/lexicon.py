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
binden binnenbrengen binnenkomen binnenloopen binnentreden blazen blijken blijven blokkeren boeken borgen
bouwen boven breiden breken brengen buigen buiten circuleeren communiceren compenseeren compenseren
conserveren consigneren consulteren controleren corrigeren coördineren dagvaarden dateren deelen dekken delen
deponeren derven dezen dien dienen dingen doden doen doorbetalen doorbrengen doordelen doorgeleiden doorgeven
doorhalen doornemen doorvoeren doorzoeken dragen dreigen drijven drinken drukken duchten duiden dulden
dupliceren duren dwingen eerbiedigen eigenen eindigen eisen erkennen etiketteren executeren exploiteren
faciliteren factureren financieren fokken fuseren garanderen gebruiken gedogen gedoogen gedragen gelasten
gelden geleiden genieten geraken geschieden geven grijpen groeien gunnen halen handelen handhaven hanteren
haren hebben hechten heffen helpen hergebruiken herhalen herkennen herleiden heropenen heroverwegen herrekenen
herroepen herstellen hervatten herverzekeringsbemiddelen herzien hinderen honoreren horen houden huisvesten
hunnen huren identificeren inboeken inbrengen indienen informeren ingrijpen inhouden initiëren inlaten
inleiden inleveren inlichten innemen innen inrichten inroepen inschakelen inschrijven insluiten inspannen
installeren instellen instemmen integreren interneren intrekken introduceren inverhogen investeren invoegen
invoeren invorderen invullen inwilligen inwinnen inzamelen inzenden inzetten inzien jagen kennen keren keuren
kiezen koken komen kondigen kopen koppelen korten krijgen kunnen kwijten laden landen laten leggen legitimeren
leiden lenen leven leveren lezen lichten liggen lijden litten lokken loodsen loopen lopen losleveren lossen
lozen luiden luisteren maken manipuleren maximaliseren meedelen meenemen meevoeren meewerken melden mengen
merken meten misbruiken misleiden moderniseren moedigen mogen monitoren motiveren nabetalen naheffen nakomen
nalaten naleven nanoemen nastreven neerleggen nemen nodigen noemen oefenen omantwoorden ombeletten
ombeoordelen ombepalen omberaadslagen ombereiken ombeschikken ombeslissen ombewerkstelligen omcirculeeren
omdienen omdrijven omdrinken omeindigen omhandelen omkiezen omkomen omkunnen ommeten omonderhandelen omreizen
omsaneren omschrijven omtrachten omvatten omverblijven omverhuizen omverklaren omvermoeden omveronderstellen
omverschijnen omverzekeren omvoldoen omvoorkomen omvoorzien omvrezen omwaarborgen omworden omzeilen omzetten
omzorgen onderbreken onderbrengen onderhandelen onderhouden ondernemen onderscheiden onderstellen ondersteunen
ondertekenen ondervangen ondervinden ondervragen onderwerpen onderzoeken ontbinden ontbreken ontdekken ontdoen
ontduiken onteigenen ontgronden ontheffen onthouden ontkomen ontlenen ontnemen ontplooien ontraden ontruimen
onttrekken ontvallen ontvangen ontwikkelen ontzeggen oordelen opbouwen opdoen opdragen opeisen openbaren
openen opgelden opgeven ophalen opheffen ophouden opkomen opleggen opleveren oplopen oplossen opmaken opnemen
oprichten oproepen opruimen opschorten opsporen opstellen opstijgen optellen optimaliseren optreden opvangen
opvoeden opvolgen opvragen opzeggen organiseren overbrengen overconserveren overdragen overhandigen overlaten
overleggen overlijden overmaken overnemen overschrijden overtreffen overtuigen pakken passen plaatsen plegen
plukken preciseren prijzen procederen produceren profiteren publiceren raadplegen rapporteren reageren
realiseren rechtvaardigen reconstrueren redden regelen registreren reiken reizen rekenen repliceren reserveren
respecteren resteren richten rijden roepen ronden ruilen ruimen rusten samenleven samenlopen samenstellen
samenvallen samenvoegen samenwerken saneren schaden schaffen schakelen schatten scheiden schelden schermen
schieten schikken schorsen schorten schrijven signaleren slopen sluiten snijden spannen specificeren splitsen
sporen spreken staken stellen stemmen steunen stijgen stimuleren storten straffen strekken streven stuiten
sturen stuwen subsidiëren tappen tasten teekenen tekenen telen tellen terugbetalen teruggeven terugkeren
terugkomen terugnemen terugroepen terugvorderen terugwijzen terugzenden toebehoren toebrengen toeeigenen
toekennen toelaten toelichten toepassen toerekenen toeschrijven toestemmen toetsen toevoegen toewijzen
toezeggen toezenden toezien tonen traceren trachten transformeren treden treffen trekken twijfelen uitbesteden
uitbetalen uitblijven uitbreiden uitbrengen uitdrukken uiten uitgeven uitkeren uitkiezen uitkunnen uitlaten
uitlenen uitleveren uitlokken uitmaken uitnodigen uitoefenen uitreiken uitschakelen uitschrijven uitsluiten
uitspreken uitstellen uitvaardigen uitvallen uitvaren uitvoeren uitwisselen uitwissen uitzenden uitzetten
uitzullen vaardigen vallen vangen varen vastkunnen vastleggen vaststellen vatten vellen veranderen
verantwoorden verbergen verbeteren verbieden verbinden verblijven verbouwen verbranden verbruiken verdagen
verdedigen verdelen verdienen verdragen vereffenen verenigen vergaderen vergelijken vergemakkelijken vergen
vergewissen vergezellen vergoeden vergroten vergunnen verhalen verhandelen verhelen verhelpen verhinderen
verhogen verhoren verhuizen verhuren verifiëren verijdelen verkavelen verkeren verkiezen verklaren verkopen
verkrijgen verlagen verlangen verlaten verleenen verleiden verlenen verlengen verlijden vermeerderen vermelden
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
interpretieren intonieren investieren isolieren juristischen kalibrieren kalkulieren kann kapitalisieren
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
nachzahlen nachzahlenden natürlichen navigieren nehmen nehmenden nennen neuen neun nichtgewerblichen
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
segeln sehen sein sektorenübergreifenden selbständigen senden senken sensibilisieren sensiblen setzen
setzenden sichern sichernden sichten sieben signieren signierenden simulieren sinken sofern sonstigen sorgen
speichern speichernden sperren sperrenden speziellen spezifischen spezifizieren sponsern sprechen
stabilisieren staffeln starken starten stationären statistischen stattfinden stattgeben stauen stehen steigern
stellen stellenden stempeln steuerbegünstigten steuerfreien steuerlichen steuern steuerpflichtigen stimmen
stornieren streichen streichenden streuen strukturellen strukturieren stunden stärken stören stützen
substantiieren suchen surfen sämtlichen tagen tauschen technischen teilen teilenden teilhaben teilnehmen
telemedizinischen testen testenden testieren thematisieren tilgen tilgenden touristischen tragen tragenden
trainieren transparenten transplantieren transportieren treffen treffenden treiben trennen trennenden treten
treuen tränken typischen tätigen täuschen töten umbauen umbauenden umbrechen umdeuten umfassen umformen
umfrieden umgehen umgestalten umgswilligen umladen umlegen umlegenden umleiten umnummerieren umranden
umrechnen umrechnenden umrüsten umschreiben umschreibenden umsetzen umstellen umstellenden umtauschen umtragen
umwandeln umwandelnden umweltbezogenen umwerten umzustellen ungünstigen ungünstigeren unterbinden unterbleiben
unterbrechen unterbreiten unterbringen unterbringenden untergliedern untergraben unterhalten unterhaltenden
unterlassen unterlaufen unterlegen unternehmen unterordnen unterrichten unterrichtenden untersagen
unterscheiden unterschiedlichen unterschreiben unterschreiten unterstellen unterstellenden unterstreichen
unterstützen untersuchen untersuchenden unterteilen unterweisen unterwerfen unterzeichnen unterziehen
unverhältnismäßigen urteilen validieren verabreichen verabschieden verabschiedenden verankern veranlagen
veranlassen veranschlagen veranstalten verantworten verantwortenden verantwortlichen verarbeiten
verarbeitenden verbergen verbessern verbieten verbinden verbindenden verbleiben verbrauchen verbreiten
verbreitenden verbreitern verbrennen verbriefen verbringen verbringenden verbuchen verbundenen verbüßen
verbüßenden verdampfenden verdecken verdeutlichen verdienen verdoppeln verdrahten vereidigen vereinbaren
vereinbarenden vereinfachen vereinheitlichen vereinigen vereiteln verfahren verfahrensfremden verfassen
verfeuern verfolgen verfügbaren verfügen verfüttern vergeben vergebenden vergewissern vergleichbaren
vergleichen vergrößern vergällen vergüten vergütenden verhalten verhandeln verhindern verhindernden verholen
verhängen verhüten verhütenden verifizieren verkaufen verkaufenden verkehren verketten verknüpfen verkünden
verkürzen verladen verlangen verlassen verlaufen verlautbaren verlegen verlegenden verleihen verleiten
verlesen verletzen verlieren verlängern verlängernden vermarkten vermarktenden vermeiden vermelden vermerken
vermessen vermieten vermindern vermischen vermitteln vermittelnden vermuten vernachlässigen vernachlässigenden
vernehmen vernehmenden verneinen vernichten verpacken verpflichten verpflichtenden verpfänden verrechnen
verrechnenden verrichten verrichtenden verringern versagen verschaffen verschieben verschiedenen verschleiern
verschließen verschlüsseln verschonen versehen versehenden versenden versendenden versetzen versichern
versiegeln versorgen versorgenden versprechen verstehen versteigern versteigernden versteuern versteuernden
verstoßen verständigen verstärken versuchen verteidigen verteilen verteilenden vertiefen vertiefenden
vertraglichen vertreiben vertreten vertretenden vertretenen verunreinigen verursachen verurteilen
vervielfachen vervielfältigen vervollständigen verwahren verwalten verwaltenden verwarnen verwechseln
verweigern verweisen verwenden verwendenden verwerfen verwerten verwertenden verwirklichen verwirklichenden
verzahnen verzeichnen verzichten verzinsen verzinsenden verzögern verändern veräußern veräußernden
veröffentlichen veröffentlichenden visualisieren vollstrecken vollstreckenden vollziehen vollziehenden
vorangehen voranstellen vorbehalten vorbehaltenden vorbehandeln vorbeifahren vorbereiten vorbereitenden
vorbeugen vorbringen vorenthalten vorführen vorgeben vorgehen vorhalten vorhaltenden vorlegen vorlegenden
vorleisten vorlesen vorliegen vornehmen vornehmenden vorrichten vorschießen vorschlagen vorschlagenden
vorschleifen vorschreiben vorsehen vorsehenden vorstellen vortragen vortäuschen vorweisen vorwerfen vorzeigen
wachen wahlberechtigten wahren wahrenden warnen warten waschen wechseln wechselnden wecken weggefallen
weglassen wegnehmen wegwerfen wehren weiteren wenden wenn werben werden werfen werten wesentlichen wessen
wettbewerbsfähigen wettbewerbsrelevanten widerlegen widerrufen widersprechen widmen wiederbeschaffen
wiederbesetzen wiedergeben wiedergewinnen wiederholen wiederholenden wiederholten wiederkehrenden
wiederverwenden wirken wirtschaftlichen wissen wissenschaftlichen wohnen wohnumfeldverbessernden wollen wählen
wählenden würdigen zahlen zahlenden zehn zeichnen zeigen zelten zerlegen zerlegenden zerstören zertifizieren
zertifizierenden ziehen ziehenden zuarbeiten zubereiten zueignen zuerkennen zufügen zuführen zuführenden
zugreifen zuhören zulassen zulassenden zuleiten zulässigen zumutbaren zumuten zuordnen zuordnenden zurechnen
zurechnenden zurichten zurückbefördern zurückbehalten zurückbehaltenden zurückbringen zurückerstatten
zurückerwerben zurückfordern zurückfordernden zurückführen zurückführenden zurückgeben zurückgebenden
zurückgewinnen zurückgewähren zurückgewährenden zurückgreifen zurückkaufen zurückkehren zurücklassen
zurücklegen zurücknehmen zurücknehmenden zurückrufen zurückschicken zurücksenden zurückstellen zurücktauschen
zurücktreten zurückverbringen zurückverfolgen zurückverweisen zurückweisen zurückzahlen zurückzahlenden
zurückziehen zurückübereignen zurücküberstellen zurückübertragen zurückübertragenden zurücküberweisen zusagen
zusammenarbeiten zusammenbauen zusammenfassen zusammenfassenden zusammenfügen zusammenführen zusammennähen
zusammenrechnen zusammenschließen zusammensetzen zusammenstellen zusammentreffen zusammenwirken zusammenziehen
zusammenzählen zuschneiden zuschreiben zusenden zusichern zustellen zustellenden zustimmen zusätzlichen
zuteilen zuteilenden zuweisen zuweisenden zuwenden zuziehen zuziehenden zweifeln zwingen zählen züchten
ähnlichen ändern ändernden ärztlichen äußern öffentlichen öffnen örtlichen üben überarbeiten überbrücken
übereignen überführen übergeben übergebenden überholen überlassen überleiten übermitteln übermittelnden
übernehmen übernehmenden überprüfen überprüfenden überschreiben überschreiten übersehen übersenden
übersendenden übersetzen übertragen übertragenden überwachen überwachenden überweisen überweisenden überwinden
überzeugen überziehen üblichen
"""
# Compound parts: words that begin or end at least 3 (nl) or 5 (de) different corpus compounds.
NL_PARTS = """
aanbesteding aanbeveling aanbieder aanbieders aanbieding aanbod aandacht aandeel aandeelhouder aandelen
aanduiding aanduidingen aangelegenheden aangifte aanhouding aankoop aanleg aanmaning aanpassing aanpassingen
aanslag aansluit aansluiting aanspraak aansprakelijkheid aanspraken aantal aanvang aanvraag aanvragen
aanwijzing aanwijzingen aard aardgas abonnee accijns accountant accreditatie acht achter achterstand activa
activiteit activiteiten adem administratie adoptie adres adressen advies afdeling afhankelijk afkoop aflossing
afschrijving afspraken afstand aftrek afval afvalstoffen afwijking afwikkeling akkoord akte akten alcohol alle
ambt ambtenaar ambtenaren analyse analyses ander apparaten apparatuur arbeid arbeidsmarkt
arbeidsongeschiktheid arbeidsvoorwaarden archief architect arrondissement artikel artikelen arts asiel
aspecten auto autoriteit baan bachelor bagage balans band banen bank banken basis baten beambten beding
bedoeld bedoelde bedrag bedragen bedrijf bedrijfstak bedrijven beeld begeleiding begin beginsel beginselen
begrip begroting behandeling beheer beheerder beheerders beheerplan beheersing behoefte bekend bekostiging
bekwaamheid belang belangen belasting belastingen belegging beleid beleidsplan belemmeringen beloning
bemanning bemiddelaar bemiddeling benoeming benzine beoordeling beoordelingen bepaling bepalingen beperking
beperkingen beproeving bereik berekening bergen bericht berichten beroep bescheiden bescherming beschikbaar
beschikking beschikkingen beschrijving beslag beslissing beslissingen besluit besluiten besluitvorming best
bestaan bestand bestanddeel bestanddelen besteding bestemming bestemmingsplan bestrijding besturen bestuur
bestuurder bestuurders betaling betalingen betrekking betrekkingen beurs bevalling beveiliging bevel bevoegd
bevoegdheden bevoegdheid bevolking bevordering bewaking beweging bewijs bewijzen bewind bewoner bezetting
bezit bezoek bezoldiging bezwaar bezwaarschrift bezwaren beëindiging bibliotheek bijdrage bijdragen bijeen
bijstand biljetten binnen blad bloed blok bloot bodem boedel boek boeking boete boeten bonus boord borg
bosbouw bouw boven branche brand brandstof brandweer breedte brengen brengt breuk brief brieven broek bron
bronnen bruto budget buiten bulk bureau burger capaciteit cassatie categorie categorieën cellen centrale
centrum certificaat certificaten cijfers clausule cliënt code codes college collegegeld combinatie commissaris
commissie commissies communicatie compensatie componenten concentratie concern concessie concurrentie conflict
conformiteit consument contact contract controle controles correctie courant coördinatie crisis criteria
criterium cultuur cursus daad daarop dagen dagloon data databank datum deel deelname deelnemer deelnemers
deelneming deeltijd defensie dekking delen deposito depot derde dertig deskundig deskundigheid deurwaarder
dien dienst diensten dienstverlener dienstverlening dier dieren dijk diploma directeur directie distributie
document documenten doel doeleinden doelen doelmatigheid doelstellingen donor dood dossier dossiers douane
draagkracht drager drie drinkwater druk duur duurt dwang echt educatie eenen eenheden eenheid eerder eerst
effect efficiëntie eigen eigendom eind einde eindexamen eindgebruikers eisen elektriciteit elementen emissie
energie erfpacht erfrecht erkenning ervaring euro evaluatie even examen examens executie exploitant
exploitanten exploitatie faciliteit faciliteiten factor factoren faculteit familie fase feit film financiering
fonds fondsen formatie formulier fosfaat fractie franchise frequentie functie functies functionaris
functionarissen fusie gaan gaande gaat gang garantie gebied gebieden gebonden geboorte gebouw gebouwen
gebracht gebrachte gebruik gebruiken gebruiker gebruikers gedeelte geding gedrag geeft gegaan gegeven gegevens
gehalte gehandicapten geheim geheimhouding gehouden gekomen gelaten geld gelden geldig geldigheid geleding
gelegenheid geleid gelijk geluid geluidsbelasting gemaakt gemeenschap gemeente gemelde geneeskundige
geneesmiddel genoemd genoemde genoemden genomen genoot genot genoten gerecht gerechtigd gerechtigde
gerechtigden gereed gerelateerd gerelateerde gericht gerichte geschiktheid geschil geschillen
geschillenbeslechting geslacht gesprek gesteld gestelde getal getuigen gevaar gevaarlijke gevallen geven gever
gevoelige gevolg gevolgen gevonden geweld geweten gewicht gewoon gezag gezin gezondheid gezondheidszorg
godsdienst goed goeder goederen goedkeuring goud graad grens grensoverschrijdende grenzen griffie groep
groepen grond gronden grondslag grondslagen grondwater groot groothandel grootte gunning half halve hand
handel handelaar handeling handelingen handhaving haven havenveiligheid hebbende heffing herindeling
herkeuring herplaatsing herstel herverzekering herziening hinder hoeveelheid honderd hoofd hoofden hoog houden
houdend houdende houder houders houderschap houding huis huishoud huishouding huisvesting huizen hulp
hulpverlening huur huurder huurprijs huursubsidie huwelijk hypotheek identificatie identiteit inbreng
inburgering incasso indeling indicatie industrie informatie infrastructuur ingang inhoud initiatief inkomen
inkomens inkomsten inlichting inpassing inrichting inrichtingen inschrijving inspectie installatie
installaties instandhouding instantie instanties instelling instellingen instemming instituten instituut
instructie instrument instrumenten integratie integriteit internet interoperabiliteit invaliditeit investering
invoer invoering invordering jaar jaarlijks jaarlijkse jacht jaren jarige jeugdhulp jonger kaart kaarten kader
kaders kamer kamers kanalen kandidaat kandidaten kans kansspel kant kantoor kantoren kapitaal karakter kenmerk
kenmerken kennis kennisgeving kenteken kern keuring keuze kind klacht klanten klasse klassen klein klimaat
koers komen komend komende komt koop korps kort korting kortingen kost kosten kostenvergoeding kracht krachten
krediet kring kunst kust kwalificatie kwaliteit kweek laad laag laat laatst lading land landbouw landen
landinrichting lands landschap lang last lasten leden ledengroep leeftijd leen leer leerling leggers leiding
lening leningen leraar leraren letter leven levensmiddelen levensverzekering levering licentie lichaam
lichamen lidmaatschap liggende lijfrente lijk lijken lijn lijnen lijst lijsten liquidatie locatie lokaal
lokalen lonen loods loon loop lopende lucht luchthaven luchtruim luchtvaart luchtvaartuig luchtverkeer maal
maand maas maat maatregel maatregelen maatschap maatschappij maatschappijen maatstaven macht machtiging maken
making mandaat markt markten massa master materiaal materialen materieel maximum mede mededeling mededinging
medezeggenschap media meester melding melk mens merk merken methode methoden middel middelen midden milieu
minimum misbruik misdrijf misdrijven mobiliteit model moeder mogelijkheden mogelijkheid monitoring monument
motor motorrijtuig munt muziek naam naast nabestaanden nacht name namen nascholing nationaliteit natuur
navigatie neemt neer negen nemen netten netto netwerk netwerken nieuw nijverheid niveau niveaus noodwet noord
norm normen nota notaris nummer object objecten observatie oever officier officieren olie omgang omgeving
omroep omschreven omschrijving omstandigheden omvang omzet omzetting onderdeel onderdelen onderhandeling
onderhoud ondernemer onderneming ondernemingen ondersteunende ondersteuning onderwijs onderzoek onderzoeken
ongeval ongevallen ontbinding ontheffing ontneming ontslag ontvangst ontwerp ontwikkeling ontwikkelingen
oordeel oorlog oost opbouw opbrengst opbrengsten opdracht opdrachten open openbaar opening opgave opgaven
opleiding opleidingen opname opneming oppervlakte oprichting oproep opslag opsporing optie opvang opvoeding
opvolging opwekking opzegging orde order orgaan organen organisatie organisaties ouder ouderdom overbrugging
overdracht overeen overeenkomst overeenkomsten overgang overheid overleg overlijden overname overschot
overschrijding overwegingen overzicht paal pacht pakket pand papier papieren parket participatie partij
partijen partner passagiers passen patiënt patroon pensioen pensioenen pensioenfonds pensioenfondsen
pensioenregeling pensioenregelingen perceel percentage percentages periode perioden personeel personen persoon
persoonlijkheid plaats plaatsen plaatsing plan plannen planning plant pleegouder plicht plichten politie
portefeuille positie post postcode posten postvervoer praktijk praktijken premie premies prestatie prestaties
preventie prijs prijzen privé probleem problemen procedure procedures procent proces processen producenten
product producten productie produkt produkten profiel programma project projecten promotie protocol
protocollen provincie publicatie publiek punt punten raad raam raden radio ramp rang rangschikking rapport
rapportage rapportages rapporten rassen recht rechten rechter rechtsbijstand rechtspositie rechtspraak reclame
reconstructie recreatie redding redenen referentie regel regelen regelgeving regeling regelingen regels
regering regime regio register registers registratie registraties reglement reglementen regres regt regter
reis reizen rekening rekeningen relatie relaties rendement rente renten reserve reserves resultaat resultaten
reïntegratie richt richtlijn richtlijnen rijbewijs rijk rijn ring risico ruil ruimte ruimten rust salaris
saldo samen samenleving samenstelling samenwerking sanctie sanering schaal schade schadeloos schadevergoeding
scheepvaart schenking schepen schiet schip scholen scholing school schrift schuld schulden schuldenaar
schuldig secretaris secretarissen sector selectie situatie slachtoffers slot snelheid soort soorten specialist
spel splitsing spoed spoor spoorweg spoorwegen sport spreiding staan staand staande staat staatsexamen stad
staf stage staken staking stand standaard standaarden start staten station status statuut stellen stelling
stellingen stelsel stelt stem stemming sten steun stichting stikstof stof stoffen stort storting straf
straffen strafrecht straling strijd structuur student studie stuk stukken subsidie subsidies suiker systeem
systemen taak taal tabak tabel taken tarief tarieven team techniek technisch technische technologie teelt
teken tekens tekort telecommunicatie telefoon televisie temperatuur teniet tenuitvoerlegging terecht termijn
termijnen terrein terreinen terug terugbetaling teruggaaf terugkeer thuis tien tiende tijd tijden tijdstip
tijdvak tijdvakken titel titels toegang toekenning toelage toelating toename toepassing toeslag toestand
toestemming toetreding toets toetsing toevoeging toevoer toewijzing toezicht toonder totaal traject transactie
transacties transport treden trust tunnel tusschen tussen twee twintig twintigste type uitdeling uitgaven
uitgifte uitkering uitkeringen uitlevering uitoefening uitrusting uitslag uitsluiting uitspraak uitvoer
uitvoering uitwisseling uitzondering unie uren vaardigheden vaart vaartuig vaartuigen vakantie vakken vallen
valuta varkens vast vaststelling veer veertig veilig veiligheid veiling veld vennootschap vennootschappen
verandering verantwoordelijkheid verantwoording verband verbeurd verbinding verblijf verbod verbruik
verdediging verdeling verdrag vereiste vereisten vereniging verenigingen verevening vergadering vergaderingen
vergelijking vergoeding vergoedingen vergunning vergunningen verhaal verhoging verhogingen verhouding
verhoudingen verhuur verificatie verkeer verkeersveiligheid verkenning verkiezing verklaring verklaringen
verkoop verkrijging verlaging verlener verlenging verlening verlies verlof verloop vermeerdering vermelde
vermenigvuldiging vermindering verminderingen vermogen vernietiging verontreiniging verordening verordeningen
verpakking verplaatsing verpleging verplicht verplichting verplichtingen verrekening verrichting verrichtingen
verschil verschillen verslag verslagen verslaggeving versterking verstrekking vertegenwoordiger
vertegenwoordiging vertrek vertrouwen verval vervangende vervanging vervoer vervolg vervolging vervreemding
vervulling verwarming verweer verwerking verwerving verwijdering verwijzing verzekeraar verzekeraars
verzekering verzekeringen verzet verzoek verzoeken verzorging verzuim vestiging veteranen vier vijf vinden
visie visserij vlees voeding voedsel voertuig voertuigen voet volgend volgende volle volmacht volume vonnis
vonnissen voogdij vooraf voorbereiding voordeel voorkeur voorlichting voorraad voorraden voorschot
voorschriften voorstel voorstellen voort voortgang voortstuwing voorwaarde voorwaarden voorziening
voorzieningen voorzitter voorzitters vordering vorderingen voren vorm vormen vorming vraag vraagstukken vracht
vragen vreemdeling vrij vrije vrijheid vrijstelling vrijwilliger vrouw vrucht waar waarborg waarde waarden
waardering waardigheid waarneming wachtgeld wagens wapen warmte water wateren waterschap waterstaat wedde
weder wedstrijd weduwen weefsel week weer wees wege wegen weigering wereld werk werken werkgever werking
werkloosheid werknemer werkt werkzaamheden werkzaamheid werving west wester wetenschap wetenschappelijke
wetenschappen wetgeving wetten wijk wijze wijzen wijziging wijzigingen winning winst winstdeling wisseling
wisselkoers woning woon woonplaats woonruimte woord wraking zaak zaken zeehaven zegel zegels zeggenschap
zekerheid zetel zeven ziek ziekenfonds ziekengeld ziekenhuis ziekte ziektekosten zijde zitting zone zones zorg
zuid zuivering zwangerschap zwemwater
"""
DE_PARTS = """
abbau abbruch abdeckung abdichtungen abfahrt abfall abfallentsorgung abfallvermeidung abfallwirtschaft
abfertigung abfindung abfindungen abflug abfrage abfälle abfällen abgabe abgaben abgabepreis abgang abgas
abgeltung abgeordnet abgleich abgrenzung abhanden abhilfe abhängig abhängige abhängigen abhängiger
abhängigkeit abkommen abkommens ablagerung ablauf ablaufs ablehnung ableitung ablieferung abluft abläufe
abläufen ablösung abnahme abnehmer abrechnung abrechnungen abruf abrufs absatz abschiebung abschlag abschlags
abschluss abschlusses abschluß abschläge abschlüsse abschlüssen abschnitt abschnitte abschnitten abschnittes
abschnitts abschreibung abschätzung absender absicherung absicht absonderung abstammung abstand abstimmung
abstände abteilung abteilungen abtretung abwasser abwehr abweichung abweichungen abwesenheit abwicklung
abwägung abzeichen abzug abzugs abzüge abänderung achse acht acker adoption adressat adresse adressen agentur
agenturen agrar akademie akkreditierung akte akten aktie aktien aktionär aktiv aktivität aktivitäten akut
alarm alkohol allein allgemein alltag alte alter alternativ alternativen alters altersgeld altersgrenze
altersteilzeit altersvorsorge altlast amtes amtlich amtlichen amts amtshilfe analyse analysen anamnese anbau
anbieter anbieters anbindung anerkenntnis anerkennung anfall anfang anfechtung anforderung anforderungen
anfrage anfragen angabe angaben angebot angebote angeboten angebots angehörige angehörigen angehöriger
angelegenheit angelegenheiten angemessenheit angestellt angestellte angestellten angleichung angriff anhalt
anhebung anhänger anhängern anhörung ankauf anker anklage ankunft anlage anlagen anlass anleger anleihe
anleihen anleitung anleitungen anlieferung anlieger anmelde anmeldung anmeldungen annahme annahmen anordnung
anordnungen anpassung anpassungen anpassungsgesetzes anrechnung anreiz anruf anrufung ansatz anschaffung
anschluss anschlusses anschluß anschlüsse anschlüssen anschrift ansicht anspruch anspruches anspruchs
ansprüche ansprüchen anstalt anstalten ansteckung anstellung ansässigkeit ansätze ansätzen anteil anteile
anteilen anteils antennen anti antigen antrag antrages antrags antrieb antritt anträge anträgen antwort anwalt
anwartschaft anweisung anweisungen anwender anwendung anwendungen anwesenheit anwärter anwärterin
anwärterinnen anwärtern anwärters anzahl anzeige anzeigen apotheke apotheker aquakultur arbeit arbeiten
arbeiter arbeitern arbeitgeber arbeitnehmer arbeitsentgelt arbeitsgericht arbeitskräfte arbeitslos
arbeitsmarkt arbeitsplatz arbeitsplätze arbeitsschutz arbeitssicherheit arbeitszeit architektur archiv archivs
aroma arrest arrestes arten artenschutz artikeln arznei arzneimittel arzneimitteln arzt arztes aspekte
aspekten assistent assistenten assistentin assistenz asyl atem atom aufbau aufbauten aufbereitung aufbewahrung
aufbringung aufdruck aufeinander aufenthalt aufenthalts aufforderung aufgabe aufgaben aufgebot aufhebung
aufklärung aufkommen aufkommens auflage auflagen auflösung aufnahme aufnahmen aufrechnung aufrecht aufsatz
aufschlag aufschlags aufschub aufsicht aufsichtsbehörde aufsichtsbehörden aufsichtsrat aufstellung aufstieg
aufstockung aufsuchung aufteilung auftrag auftrages auftraggeber auftrags aufträge aufträgen aufwand aufwandes
aufwands aufwendung aufwendungen aufzeichnung aufzeichnungen aufzucht auge ausbau ausbaus ausbilder ausbildung
ausbildungen ausbreitung ausbruch ausdruck auseinander auseinandersetzung ausfall ausfalls ausfertigung
ausfertigungen ausfuhr ausfälle ausführung ausgabe ausgaben ausgang ausgestaltung ausgleich ausgleichs
ausgleichung ausgliederung auskunft auskünfte auskünften auslagen auslagerung ausland auslastung auslauf
auslegung auslieferung ausländer ausnahme ausreise ausrüstung ausrüstungen aussaat aussage ausschließung
ausschluss ausschluß ausschreibung ausschuss ausschusses ausschuß ausschüsse ausschüssen ausschüttung
aussetzung aussichten aussonderung ausstattung ausstattungen ausstellung ausstellungen austausch austauschs
austritt auswahl ausweis ausweise ausweisen ausweises ausweisung ausweitung auswertung auswirkung auswirkungen
auszahlung auszeichnung auszubildende auszug auszügen ausübung authentifizierung autobahn automaten
automatisierungs außen außenhandel außenwirtschaft außer bachelor bahn bahnen bahnhof band bank banken bare
baren barer bargeld barwert basiert basis batterie bauarbeiten bauart baubetrieb baues baugenehmigung
baukosten baulast baulich bauliche baulichen baulicher baumaschinen baumaßnahmen baumuster baus bausparkasse
baustelle bautechnik bauteil bauteile bauteilen bauteils bauten bauweise bauwerk bauwerke bauwerken bauwerks
beamte beamten beamter beamtin beamtinnen beanspruchung beanstandung bearbeitung beauftragte beauftragten
beauftragter bebauung bedarf bedarfe bedarfen bedarfs bedienstete bediensteten bediensteter bedienung bedingt
bedingte bedingten bedingter bedingung bedingungen bedrohung bedürfnis bedürfnisse bedürfnissen bedürftig
bedürftigkeit beeinträchtigung beeinträchtigungen beendigung befahren befall befehl befehls befestigungs
befragung befragungen befreiung befreiungen befristung befugnis befugnisse befugnissen befugt befugte befugten
befund befähigung beförderung beförderungen begebung begehren beginn beginns begleit begleitende begleitenden
begleiter begleitschein begleitung begrenzung begrenzungen begriff begriffe begründenden begründung
begutachtung begünstigt begünstigte begünstigten begünstigung behalten behandelt behandlung behandlungen
behebung beherbergung beherrschung behindert behinderung behinderungen behält behälter behältern behälters
behältnis behältnisse behältnissen behältnisses behörde behörden behördliche behördlichen beifahrer beihilfe
beihilfen beirat beirates beirats beiräte beisitzer beistand beitrag beitrages beitrags beitragssatz
beitragszahlung beitreibung beitritt beiträge beiträgen bekannt bekanntgabe bekanntmachung bekanntmachungen
bekleidung bekleidungen bekämpfung beladung belange belastung belastungen beleg belege belegen belegung
belehrung beleihung beleuchtung beläge bemessung bemessungsgrundlage bemühungen benachrichtigung
benachteiligung benennung benutzer benutzung beobachtung berater beratung beratungen beratungshilfe
beratungsstelle beratungsstellen berechnung berechnungen berechtigt berechtigte berechtigtem berechtigten
berechtigter berechtigtes berechtigung berechtigungen bereich bereiche bereichen bereiches bereichs
bereinigung bereinigungsgesetzes bereit bereiten bereitschaft bereitstellung berg bergbau bergung bericht
berichte berichten berichterstattung berichtigung berichts beruf berufe berufen berufes berufliche beruflichen
berufs berufsausbildung berufsausübung berufsbild berufsbildung berufsförderung berufsqualifikation berufung
berücksichtigung berührung besamung besatzung beschaffenheit beschaffung beschaffungen bescheid bescheide
bescheiden bescheides bescheids bescheinigung bescheinigungen beschichtung beschlagnahme beschleunigung
beschluss beschlusses beschluß beschlüsse beschlüssen beschreibung beschreibungen beschränkung beschränkungen
beschuss beschwerde beschwerden beschädigt beschädigte beschädigung beschäftigt beschäftigte beschäftigten
beschäftigter beschäftigung beseitigung besetzung besichtigung besichtigungen besitz besitzeinweisung besitzer
besitzers besitzes besoldung besprechung bestand bestandes bestands bestandteil bestandteile bestandteilen
bestandteils bestattung bestehen bestellung besteuerung bestimmung bestimmungen bestrahlung bestände beständen
bestätigung bestätigungen besuch besuche beteiligte beteiligten beteiligter beteiligung beteiligungen beton
betrachtung betrag betrages betrags betreiber betreibern betreibers betreuer betreuung betrieb betriebe
betrieben betriebene betriebenen betriebes betriebliche betrieblichen betriebs betriebskosten betriebsleiter
betriebsmittel betriebsplan betriebsrat betriebsstätte betriebsvermögen betrug beträge beträgen betten
betätigung betäubung betäubungsmittel beurkundung beurteilung beurteilungen bevollmächtigte bevollmächtigten
bevollmächtigter bevor bevorratung bevölkerung bewachung bewegung bewegungen beweis bewerber bewerberinnen
bewerbern bewerbers bewerbung bewertung bewertungen bewertungsverfahren bewilligung bewirtschaftung bewohner
bewusstseins bewährung bezeichnung bezeichnungen bezieher beziehung beziehungen bezirk bezirke bezirken
bezirkes bezirks bezogen bezogene bezogenen bezogener bezogenes bezug bezugs bezüge bezügen bibliothek bienen
bier bieter bilanz bilanzen bilanzierung bilanzkreis bild bildenden bilder bildern bildes bildschirm bildung
bildungs billigkeit bindung binnen binnenschiff binnenschiffahrt binnenschifffahrt biogas biomasse biozid
blatt blattes bleib bleiben bleibt blind block blumen blut blätter blättern boden bodenrichtwert bodens
bodenschätzung bogen bogens bohr bohrloch bonität bonus boot booten bord branche brand brandschutz braunkohle
breit breite bremsen brenn brennerei brennstoff brief briefe briefen brille brucellose bruch brunnen brut
brutto brücke brücken buch buches buchführung buchs buchstabe buchstaben buchung budget budgets bund bundes
bundesaufsicht bundesbahn bundesfernstraße bundespolizei bundestag bundesvermögen bundeswasserstraße
bundeswehr burg butter bändern bögen börse börsen bücher büchern bühnen bündel bürger bürgschaft büro büros
chancen charakter charge chemie chemikalie clearing code codes container controlling dach dampf darlehen
darlehens darstellung darstellungen datei dateien daten datenaustausch datenbank datensatz datensatzes
datenschutz datensätze datensätzen datenträger datenverarbeitung datenübermittlung datenübertragung datum
datums dauer dauern deck deckel deckung definition definitionen dekoration demonstration demontage denkmal
deponie depot depots derivat derivate derivaten design desinfektion details deutsche deutschen devisen
diagnose diagnosen diagnostik dialog dicht dichte dichtheit dienst dienste diensteanbieter diensten dienstes
dienstgrad dienstherr dienstleister dienstleisters dienstleistung dienstleistungen dienstliche dienstlichen
dienstlicher dienststelle dienststellen dienstunfall dienstzeit differenz differenzen differenzierung digital
diplom direkt direktor diskriminierung disposition disziplinar dividende diät dokument dokumentation
dokumentationen dokumente dokumenten dokumentes dokuments donau doping doppel dosen dosierung dosis draht drei
drittland drittstaat drogen druck druckluft duldung dung durchfahrt durchfuhr durchführung durchschnitt
durchsetzung dynamik dämm düngemittel ebene ebenen echtheit ecke effekt effekte effektiv effiziente
effizienter effizienz ehen ehren eich eides eier eigen eigene eigenen eigener eigenheim eigenkapital
eigenmittel eigenschaft eigenschaften eigentum eigentums eigentümer eigentümern eigentümers eignung
einarbeitung einbau einberufung einbringung einbürgerung einfluss einfuhr einfuhrabgaben einführung eingabe
eingang eingangs eingliederung eingriff einheit einheiten einheitlichen einheitswert einhundert einigung
einkauf einkommen einkommens einkommensteuer einkünfte einkünften einlage einlagen einlagerung einleitung
einnahme einnahmen einreichung einreise einrichtung einrichtungen eins einsatz einsatzes einschluss
einschränkung einschränkungen einschätzung einschätzungen einsicht einsparung einspeise einspeisung
einspeisungen einspruch einstellung einstufung einsätze einsätzen einteilung eintrag eintrags eintragung
eintragungen eintritt eintritts einträge einwand einweisung einwilligung einwirkung einwirkungen einwohner
einzahlung einzel einzelfall einzelhandel einziehung einzug eisen eisenbahn eisenbahninfrastruktur
elektrizität elektro elektronik element elemente elementen eltern elterngeld emission emissionen
emissionshandel emittenten empfang empfehlung empfehlungen empfindlichen empfindlichkeit empfänger
empfängerinnen empfängern empfängers ende enden endes endkunden endlager endnutzer energie energieeffizienz
energiegewinnung energieverbrauch energieversorgung engpässe engpässen entbindung enteignung entfernung
entgegen entgelt entgelte entgelten entgeltes entgelts entlassung entlastung entlohnung entnahme entnahmen
entrichtung entscheidung entscheidungen entschädigung entschädigungen entschädigungsgesetz
entschädigungsgesetzes entsendung entsorger entsorgung entstehung entwertung entwicklung entwicklungen entwurf
entwurfs entwässerung entwürfe entziehung entzug erbbaurecht erbe erbringung erbschaft erdgas erdöl ereignis
ereignisse ereignissen ereignisses erfahrung erfahrungen erfassung erfolg erfolgs erfordernis erfordernisse
erfordernissen erfüllung ergebnis ergebnisse ergebnissen ergebnisses ergänzung erhalt erhalten erhaltung
erheblich erhebliche erheblichen erhebung erhebungen erholung erhöhung erhöhungen erinnerung erkenntnis
erkennung erklärung erklärungen erkrankung erkrankungen erkundung erlass erlasses erlaubnis erlaubnisse erlaß
erledigung erleichterungen erläuterung erlös erlöse erlösen erlöses ermessen ermittlung ermittlungen
ermächtigung ermächtigungen ermäßigung ermäßigungen ernennung erneuerung ernte ernährung erprobung erreger
errichtung ersatz ersatzes ersatzleistungen erscheinung erscheinungen erschließung erst erstattung
erstattungen erstellung ersuchen ersuchens erteilung ertrag ertrags erträge erträgen erwartung erweiterung
erwerb erwerbs erwägungen erzeugenden erzeuger erzeugern erzeugers erzeugnis erzeugnisse erzeugnissen
erzeugnisses erzeugung erzeugungsanlage erzeugungsanlagen erziehung eröffnung erörterung essig ethik etikett
euro europa evaluation evaluierung existenz experten explosion export exposition extrakt fabrik fach
fachangestellte fachangestellter facharzt fachbereich fache fachen fachgebiet fachkraft fachkräfte fachkunde
fachliche fachlichen fachrichtung fachschul fachwirt fachwirtin fahndung fahr fahrbahn fahreignung fahren
fahrer fahrerlaubnis fahrgast fahrlehrer fahrpersonal fahrplan fahrrad fahrrinne fahrt fahrten fahrwasser
fahrweg fahrwerk fahrzeug fahrzeuge fahrzeugen fahrzeuges fahrzeugführer fahrzeugs faktor faktoren faktors
fall falle fallen falles falls familie fang farb farbe farben faser fassaden fassung fassungen fehler fehlern
feiertag feld felder feldern feldes feldwebel fenster ferien fern fernabsatz fernkälte fernmelde
fernunterricht fernwärme fertig fertigen fertigkeits fertigung fest feste festen fester festigkeit festlegung
festlegungen festpreis festsetzung feststellung feststellungen fett fettgehalt feuchte feuchtigkeit feuer
feuerungs feuerwehr film filme filter finanz finanzamt finanzanlage finanzdienstleistung finanzierten
finanzierung finanzierungen finanzkraft finanzverwaltung firma firmen fisch fischerei flagge flaschen fleisch
fließ flucht flug flugbetrieb fluggast fluggerät flughafen flugplatz flugsicherung flugverkehr flugzeug
flugzeuge flugzeugen flur flurbereinigung flurstück fläche flächen flüge flügen flüssig flüssigkeit folge
folgen fonds forderung forderungen form format formate formats formel formen formular formulare formulars
formulierung forschung forst forsten fort fortbildung fortführung fortpflanzungs fortschreibung fortschritt
forum fracht frage fragen fraktion fraktionen franken frau frei freibetrag freibetrags freibeträge freibord
freie freiem freien freier freigabe freiheit freiland freisetzung freistellung freiwillig freizeit
freizügigkeit fremd fremde fremden fremder fremdkapital fremdrenten fremdsprache fremdwährung frequenz frieden
frisch friseur frist fristen frucht früh früherkennung fugen fund funk funkanlage funkstelle funktion
funktionen futter futtermittel fußgänger fächer fächern fähig fähige fähigen fähigkeit fälle fällen fälligkeit
fälschung förder fördernden förderung füge führen führende führenden führer führern führers führerschein
führerscheins führt führung führungs fünf fünfzig fürsorge fütterung gang garage garantie garten gartenbau
gase gasen gaststätte gasversorgung gattung geben gebende geber gebiet gebiete gebieten gebietes gebiets gebot
gebote gebots gebracht gebrauch gebrauchsmuster gebrauchstauglichkeit gebunden gebundene gebundenen gebundener
geburt gebäude gebäuden gebäudes gebühr gebühren gefahr gefahren gefahrenabwehr gefahrgut gefangen geflügel
gefährdende gefährdenden gefährdeten gefährdung gefährlich geführt geführte geführten gegeben gegebene
gegebenen gegenstand gegenstandes gegenstands gegenstände gegenständen gegenüber gegner gehalt gehalte
gehalten gehalts geheim geheimhaltung geheimnis geheimnisse geheimnissen geheimschutz gehende gehilfe gehilfen
gehäuse gehölze gehör gelassen geld gelder geldern geldes geldwäsche gelegenheit gelegt gelegte gelegten
geltung gelände geländes gemeinde gemeinden gemeinschaft gemeinschaften gemeinwohl gemisch gemäß gemüse
genauigkeit genehmigung genehmigungen genesene genommen genommene genommenen genossenschaft genossenschaften
genuss geodaten gepäck gerechnet gerecht gerechter gerechtigkeit gericht gerichte gerichten gerichteten
gerichtliche gerichtlichen gerichtlicher gerichtliches gerichts gerichtsbarkeit gerichtshof gerichtshofes
gerichtskosten geruch gerät geräte geräten gerätes geräts gerüstbau gesamt gesamtgut gesamthand gesamtheit
gesamtkosten geschehen geschichte geschlecht geschwindigkeit geschwindigkeiten geschwister geschäft geschäfte
geschäften geschäfts geschäftsführung geschäftsstelle geschützten gesellen gesellschaft gesellschaften gesetz
gesetzbuch gesetzbuches gesetzbuchs gesetze gesetzen gesetzes gesetzgebung gesetzlichen gesetzlicher gesetzt
gesetzte gesetzten gespräch gespräche gesprächen gesprächs gestalt gestaltung gestaltungen gestattung gesteins
gestellt gestellte gestellten gestellter gestellung gestützte gestützten gesuch gesundheit gesundheitsschutz
getreide getrennt getränk gewahrsam gewalt gewebe gewerbe gewerbes gewerbesteuer gewerkschaft gewicht
gewichtes gewichteten gewichts gewichtung gewinn gewinne gewinnen gewinns gewinnung gewinnungs gewähr
gewährleistung gewährung gewässer gewässern gibt gips glas gleich gleichbehandlung gleiche gleichen gleicher
gleiches gleichstellung gleichstrom gleichwertigkeit gleis gleise gleisen gliederung global gläubiger
gläubigern gläubigers glücksspiel gold graben grabens grad grade grades gremien gremium gremiums grenze
grenzen grenzwert grenzwerte grob groß großhandel grund grundabtretung grundbesitz grundbetrag grundbuch
grundes grundfläche grundgehalt grundlage grundlagen grundsatz grundschuld grundsteuer grundstück grundstücke
grundstücken grundstücks grundsätze grundsätzen grundwasser gruppe gruppen gruppierung größe größen grün
gründe gründen gründung grünland gutachten gutachtens gutachter gutes guthaben guthabens gutschein gärten
gärung gäste gülle gültigkeit güte güter güterkraftverkehr gütern güterverkehr haar hafen hafens haft
haftbefehl haften haftpflicht haftpflichtversicherung haftung halb halbjahr halden halle halt haltbarkeit
halten haltenden halter haltern halters haltestellen haltung hand handbuch handel handelns handels
handelsklasse handelsregister handhabung handlung handlungen handwerk handwerks hanf harmonisierung haupt
hauptversammlung haus hauses haushalt haushalte haushalten haushalts haushaltsplan hausrat haut havel hebamme
heft heil heilbehandlung heilfürsorge heilkunde heilmittel heim heimarbeit heimat heime heimen heirat heiz
heizung heizöl hektar helfer helferinnen helfern hell herabsetzung heraus herausgabe herbei herde herkunft
herrschaft hersteller herstellern herstellers herstellung heuer hilfe hilfeleistung hilfeleistungen hilfen
hilfs hilfsmittel hilfsstoffe hinaus hindernis hindernisse hindernissen hinterbliebene hintergrund
hinterlegung hinweis hinweise hinweisen hinzu hoch hochschul hochwasser hofes holz holzschutz honorar hopfen
hospiz hubschrauber human hund hunde hundert hunderttausend hygiene hygienischen hypothek hypotheken häfen
hält hämophilie händler händlern händlers härte häufigkeit höchst höchstbetrag höchstgrenze höhe höhen höher
hörfunk hülse identifikation identifikationsnummer identifizierung identität immissionsschutz immobiliar
immobilie immunisierung impfstoff implantat inanspruchnahme inbetriebnahme index indikation indikator
indikatoren individuell individuelle individuellen industrie infektion informatik information informationen
infrastruktur infrastrukturabgabe infrastrukturen ingenieur ingenieure inhaber inhaberin inhabern inhabers
inhalt inhalte inhalten inhalts initiative injektion inland inne innen innovation innung insassen insekten
insel inseln insolvenz inspektion installation instand instandhaltung instandsetzung instanz institut
institute instituten institution institutionen instituts instrument instrumente instrumenten instruments
integration integrationskurs integrität intensität interesse interessen interesses intern interne internen
interner internes internet interoperabilität intervall intervention invalidität inventar investition
investitionen investment jagd jagdausübung jahr jahre jahren jahres jahrgang jugend jugendhilfe jugendliche
jugendschutz justiz justizverwaltung jährlich jährliche kabel kabinen kaffee kalender kalkulation kammer
kammern kanal kanals kandidat kaninchen kante kanzlei kanäle kanälen kapazität kapazitäten kapital
kapitalanlage kapitalertrag kapitalisierung kapitalkosten kapitalmarkt kapitals karosserie karte kartell
karten kartoffel kasse kassen katalog katalogs katastrophen katastrophenschutz kategorie kategorien kauf
kauffrau kaufkraft kaufmann kaufmanns kaufpreis kenn kenntnis kenntnisse kenntnissen kennung kennungen
kennzahl kennzeichen kennzeichens kennzeichnung kennziffer kennziffern keramik kern kette ketten kiefer
kilometer kind kinderbetreuung kindererziehung kindergeld kino kirche klage klagen klar klasse klassen
klassifikation klassifizierung klaue klausel klausur kleidung klein kleingarten klima klimaschutz klinik
kläger klärschlamm klärung knappschaft knoten koch kohle kohlendioxid kohlenstoff kollektiv kombination
kombinationen kommando kommen kommission kommissionen kommt kommunikation kompensation kompetenz kompetenzen
komponente komponenten konditionen konferenz konflikt konformität konformitätsbewertung konkurs konservierung
konsolidierung konstruktion konstruktionen konsultation kontakt kontamination konten kontext konto kontos
kontrakte kontroll kontrolle kontrollen konzentration konzentrationen konzept konzepte konzepten konzeption
konzeptionen konzepts konzern konzession kooperation koordinaten koordination koordinator koordinierung kopf
kopie kopien kopplung korb korrektur korrekturen korrespondenz korrosionsschutz kosmetik kost kosten
kostenerstattung kostenpauschale kostenrechnung kostenstellen kostenverordnung kraft kraftfahrzeug
kraftfahrzeugen kraftfahrzeugsteuer kraftstoff kraftstoffe kraftwerk kraftwerke kraftwerken krank kranken
krankengeld krankenhaus krankenhäuser krankenhäusern krankenkasse krankenkassen krankenpflege
krankenversicherung krankheit krankheiten krankheitskosten kredit kredite krediten kreditinstitut kreis kreise
kreisen kreises kreislauf kreuz kreuzes kreuzung krieg kriegswaffe kriminalität krise kriterien kriterium
kräfte kräften kultur kulturen kultus kunde kunden kunst kunststoff kuratorium kurier kurs kurse kursen kurses
kurz kälte käse käufer körner körper körpern körpers körperschaft körperschaftsteuer küche kühl kühlung
kündigung künstler kürzung küste labor labors lackierer lade ladung lage lagen lager lagern lagers lagerstätte
lagerung land landes landnutzung landschaft landtag landwein landwirtschaft lang lassen last lasten
lastenausgleich lastschrift lauf laufbahn laufenden laufzeit laufzeiten laut leasing leben lebens lebensmittel
lebenspartnerschaft leder leer legehennen legen legt lehr lehre lehrer lehrgang lehrgangs lehrgänge lehrgängen
lehrveranstaltung leib leicht leistende leistung leistungen leistungs leistungserbringer leiter leiterin
leiterinnen leitern leiters leitlinien leitung leitungen leitungs lenkung lern leuchte leuchten leute licht
lichtbild lichter liefer lieferant lieferanten lieferung lieferungen liege liegende liegenden liegenschaft
liegt linie linien liquidation liquidität liste listen literatur lizenz lizenzen logistik lohn lohnsteuer lose
losen loser loses lotse lotsen lotterie luft luftfahrt luftfahrzeug luftraum luftsicherheit lufttüchtigkeit
luftverkehr luken länder ländern länge längen längs lärm lärmschutz läufen löhne löschung lösung lösungen
lücken lüftung macht makler malz management managementmaßnahmen managements managementsysteme
managementsystemen mandat mandate mangel mangels mann mannes manöver marine mark marke marken marketing markt
marktes marktrisiko marktwert marktüberwachung maschine maschinen masse massen mast masthühner material
materialien materials maut mautdienst maximal maße maßen maßnahme maßnahmen maßregeln maßstab maßstäbe
maßstäben mechanik mechanismen mechanismus medien medium mediums medizin medizinisch medizinische
medizinischen medizinischer medizinprodukt meer mehr mehrfach mehrheit mehrkosten mehrwert meinung meister
meisterin meisterprüfung melde meldung meldungen menge mengen mensch merkmal merkmale merkmalen merkmals mess
messgeräte messstelle messung messungen metall methode methoden methodik miet miete mieten mieterstrom
migration milch minder minderheit mindernd mindernde minderung minderungen mindest mindestlohn mineralöl
minister ministerien ministerium ministeriums ministers minute mischung mischungen missbrauch mission
missionen mitarbeit mitbestimmung mitglied mitglieder mitgliedern mitgliedes mitglieds mitgliedschaft
mitgliedstaat mitgliedstaaten mitgliedstaates mitgliedstaats mitte mitteilung mitteilungen mittel mitteln
mittels mittelwert mitverbrennung mitwirkung mißbrauch mobilität modalitäten modell modelle modellen modells
modernisierung modul module modulen moduls molkerei monat monate monats monatsfrist monitoring montag
morbidität mosel most motor motoren mund munition museum musik muster mustern musters musterung
musterverfahren mutter mutterschaft mutterschutz mängel mängeln märkte märkten möbel möglichkeit möglichkeiten
mühle mündung nachbar nachbereitung nachfolge nachfolger nachfolgers nachforderung nachfrage nachhaltigkeit
nachlass nachlaß nachprüfung nachricht nachsorge nacht nachteil nachtrag nachversicherung nachweis nachweise
nachweisen nachweises nachzahlung nahe nahen naher nahrungs nahrungsmittel nahverkehr name namen namens
national nationalpark natur naturschutz navigation nebel neben nebenkosten negativ nehmen nehmende nehmenden
neigung nennbetrag netto netz netzanbindung netzanschluss netzbetreiber netze netzen netzentgelt netzes
netznutzung netzwerk netzzugang neubau neun nichtigkeit nieder niederlassung niederschrift niederschriften
nießbrauch nimmt niveau nord norm normen normung notar note noten notfall notierung notifizierung notwendige
notwendigkeit null nummer nummerierung nummern nutz nutzer nutzern nutzers nutzung nutzungen nutzungsrecht
nächst nämlichkeit ober oberfläche oberflächen obergrenze obergrenzen objekt objekte objekten objekts obst
ofen offen offenlegung offizier operation opfer optimierung optionen optionsrechte orden order ordnung
ordnungswidrigkeit organ organe organen organisation organisationen organisatorische organismen organismus
organs orientiert orientierte orientierung original orte orten ortes orthopädie orts otto ozon paar pacht
packung packungen paket palliativ papier papiere papieren parallel parameter parametern park parlament partei
parteien partie partner partnern partners partnerschaft pass passes passiv patent patentanwalt patentes
patient patienten patientinnen patronen pauschal pauschale pauschalen pause pausen pegel pension pensionsfonds
person personal personalakte personalausweis personalentwicklung personalrat personals personalvertretung
personen personenbeförderung personenstand personenverkehr persönlichkeit pfand pfandbrief pfandrecht
pfandrechts pferd pflanze pflanzen pflanzengesundheit pflanzenschutz pflanzgut pflege pfleger pflegerische
pflegers pflegezeit pflegschaft pflicht pflichten pflichtige pflichtigen pflichtteil pflichtverletzung
pflichtversicherung pfändung phase phasen phosphat plakette plan planes planfeststellung planmäßigen plans
planung planungen platten plattform plattformen platz pläne plänen plätze plätzen politik politisch politische
politischen politischer polizei polizeibehörde polizeibehörden polizeilichen polster population portal portals
portfolio portfolios position positionen post posten postens postfach potenzial potenzials praktika praktiken
praktikum praktische praktischen praxis preis preisbildung preise preisen preises presse primär prinzip
prinzipien priorität privat probe proben probenahme probennahme problem probleme problemen produkt produkte
produkten produktes produktion produkts produktsicherheit profil profile profilen prognose prognosen programm
programme programmen programms projekt projekte projekten projektes projekts promotion prophylaxe prospekt
prostitution protest protokoll protokolle protokollen protokolls provision provisionen prozent prozess
prozesse prozessen prozesses prädikat prämie prämien präsentation präsenz präsident präsidenten präsidium
prävention prüf prüfende prüfer prüferin prüferinnen prüfern prüfers prüfstelle prüfung prüfungen
prüfungsbericht prüfungsverfahren prüfverfahren psychologie psychologische psychotherapeut publikum puffer
pulver pumpen punkt punkte punkten punktzahl putz pädagogik pädagogische pädagogischen pässe qualifikation
qualifikationen qualifizierung qualität qualitätsmanagement qualitätssicherung quarantäne quartal quecksilber
quelle quellen quote quoten radar radioaktivität radiologie raffinerie rahm rahmen rahmens rand rang
rangpunktzahl rasse rate raten rates rating rauch raum raumes raumordnung raums reaktion realisierung rebsorte
rechenschaft rechnung rechnungen rechnungslegung recht rechte rechten rechtes rechtlich rechtliche rechtlichen
rechtlicher rechtliches rechts rechtsanwalt rechtsbehelf rechtsberatung rechtsdienstleistung rechtshilfe
rechtsmittel rechtspfleger rechtsschutz recycling rede reduktion reduzierung referat refinanzierung reflexion
reform regel regelenergie regeln regelung regelungen regelzone regierung region regional regionen register
registern registernummer registers registrierung regulierung rehabilitation rehabilitierung reich reichen
reichsmark reif reife reifen reihe reihen rein reinheit reinigung reise reisekosten reisen reit
rekapitalisierung relevant relevante relevanten relevanter relevanz religion rendite rente renten rentenschuld
rentenversicherung rentner reparatur reproduktion reserve reserven reservierung reservisten resistenz
ressourcen rest restaurierung reste restitution restrukturierung rettung revier revision rezeptur rhein
richter richterinnen richtern richters richtig richtlinie richtlinien richtung richtungen richtwerte rind ring
risiken risiko risikomanagement risikopositionen risikos rohmilch rohr rohre rohrleitung rohstoff rohware
rohöl rolle rollstuhl ruder rufnummer rufzeichen ruhe ruhegehalt ruhegeld ruhen ruhestand ruhezeit rund
rundfunk räder rädern räte räten räume räumen räumung rückbau rückerstattung rückforderung rückführung
rückgabe rückgewähr rückgriff rückkauf rückkehr rücklage rücklagen rücknahme rückruf rückstand rückstellung
rückstellungen rückstände rückständen rücktritt rückversicherung rückzahlung rückübertragung rüge saar saatgut
sach sache sachen sachkunde sachleistung sachsen sachverhalt sachverständige sachverständigen sachwert saison
salden saldo samen sammel sammelbestand sammler sammlung sammlungen samt sand sanierung sanktion satelliten
satz satzes satzung satzungen sauerstoff schaden schadenersatz schadens schadensersatz schaf schalen schall
schallschutz schalt schaltungen schau scheck scheidung schein scheine scheinwerfer schemata schenkung schicht
schichten schieds schiedsstelle schiene schienenverkehr schienenweg schiff schiffahrt schiffe schiffen
schiffes schifffahrt schiffs schiffsbetrieb schiffsführer schiffsregister schiffssicherheit schild schilder
schildern schlachtkörper schlaf schlag schlepp schleuse schleusen schleusung schlichtung schließung schluss
schlusses schluß schlüssel schlüsseln schlüssels schmuck schneid schnell schnitt schnittstelle schon
schornsteinfeger schranken schreiben schrift schriften schritt schritte schritten schub schuhe schul schuld
schuldbuch schulden schuldner schuldnern schuldners schuldverschreibungen schule schulen schulischen schulung
schutz schutzbereich schutzes schutzgebiet schutzgebieten schutzmaßnahmen schutzrecht schutzrechts
schutzvorschriften schwangerschaft schwankungen schwarz schwefel schwein schweiß schwelle schwellen schwer
schwerbehindert schwerbehindertenvertretung schwerpunkt schwerpunkte schwerpunkten schwierigkeiten schwimm
schwimmen schäden schädigung schätzung schätzungen schöffe schüler schützen sechs seediensttauglichkeit
seefahrt seefischerei seelotse seelotseignung seen seenot seeschiff seeschiffahrt seeschifffahrt seeverkehr
segel seil seit seite seiten sektion sektor sektors selbsthilfe selbstverwaltung semester seminar seminare
seminaren senat senate senaten sende sendung sendungen senkung serie service setzen setzt setzung seuche
seuchen sicher sichere sicheren sicherheit sicherheiten sicherheits sichernde sicherstellung sicherung
sicherungen sicherungs sicherungssystem sicht siedlung siegel signal signale signalen signatur silber
simulation sinn situation situationen sitz sitze sitzen sitzes sitzung sitzungen skizzen sofort soforthilfe
software soldat solvabilität sonder sonn sorge sorte sorten sortenschutz sortiment sozial sozialhilfe
sozialleistung sozialversicherung spalte spaltung spanne spannung sparer sparkasse sparte speicher speichern
speicherung speise spende spenden spender spendern sperr sperre sperren spezial spezifisch spezifische
spezifischen spezifischer spiel spiele spielzeug spitze sport sportboot sportler sports sprach sprache
sprachen sprecher sprecherausschuss sprecherausschuß sprechfunk sprechstunden spree spreewald sprengstoff
spruch spuren staat staaten staates staatlichen staats staatsangehörigkeit stabilisierung stabilität stadt
stahl stahlbeton stall stamm stand standard standardisierung standards standes standort standorte stands
standsicherheit start station stationen statistik statistiken statistische statistischen statt status statut
statuts staub stehen stehende stehenden stehender steht steigerung stein steine steinen steinkohle stelle
stellen stellt stellung stellungnahme stempel sterbe sterbegeld stern steuer steuerabzug steuerbefreiung
steuerbeträge steuererklärung steuerlager steuerlich steuerliche steuerlichen steuern steuerpflicht
steuerpflichtig steuerpflichtige steuerpflichtigen steuerrecht steuerrechtlichen steuerrechts steuerschuld
steuerung steuerzeichen stich stichprobe stichtag stickstoff stiftung stiftungsrat stillegung stilllegung
stillstand stimm stimmen stimmrecht stimmschein stimmzettel stipendien stoff stoffe stoffen stoffes stoffs
straf strafe strafen straftat straftaten strafverfahren strafverfolgung strahlen strahlenschutz strahlung
strategie strategien straße straßen straßenbahn straßenbau straßenverkehr strecke strecken streifen streit
streitbeilegung streitigkeiten streitsache streitsachen strich strom stromerzeugung stroms stromverbrauch
struktur strukturen strömung stuck student studie studien studiengang studiengangs studium studiums stufe
stufen stunde stunden stundung städte stärke stör störfall störung störungen stück stücke stücken stütz
substanz substitution subvention such suche sucht summe summen swaps system systematik systeme systemen
systems szenarien sätze sätzen säumnis säure tabak tabelle tabellen tafel tafeln tage tagebuch tagegeld tagen
tages tags tank tanks tarif tarife tarifen tarifs tarifvertrag tarifvertrags tatbestand tatbestände tatsache
tauch tauglichkeit tausch tausend team teams technik techniken techniker technisch technische technischen
technischer technisches technologie technologien teil teile teilen teiles teilhabe teilnahme teilnehmer
teilnehmern teilnehmers teils teilung teilzeit telefax telefon telekommunikation telemedien temperatur
temperaturen termin termine terminen termins test tests text texte textes textil theater thema themen
theoretischen theorie therapeutische therapeutischen therapie tief tiefe tiefen tier tiere tieren tieres
tiergesundheit tierhaltung tierschutz tierseuche tierzucht tilgung tisch titel titeln titels tochter tode
toilette toleranzen tourismus tragenden training transaktion transaktionen transfer transit transparenz
transplantation transport transporte transports trasse trauben treffen treibhausgas trend trenn trennung
trennungsgeld treppen treten treu treuhand triebfahrzeug trinkmilch trinkwasser tritt trocken truppe träger
trägern trägers tuberkulose tunnel typen typgenehmigung typische typischen typs täglich täter tätigen
tätigkeit tätigkeiten täuschung tötung türen ufer umbau umfang umfangs umfeld umform umgang umgebung umgehung
umgliederung umlage umlauf umlegung umrechnung umsatz umsatzes umsatzsteuer umschlag umschläge umschulung
umsetzung umstellung umstrukturierung umstände umsätze umtausch umwandlung umwelt umweltschutz umzug
umzugskosten unabhängig unabhängige unabhängigen unbedenklichkeit unfall unfähig unfähigkeit unfälle unfällen
union universität unterbrechung unterbrechungen unterbringung untergrund unterhalt unterhaltung unterkunft
unterkünfte unterkünften unterlage unterlagen unterlassung unternehmen unternehmens unternehmer unternehmern
unternehmers unteroffizier unterricht unterrichts unterrichtung untersagung unterscheidung unterschied
unterschiede unterschieden unterschrift unterstützung untersuchung untersuchungen unterwasser unterweisung
urheber urkunde urkunden urlaub urlaubs urne ursache ursachen ursprung urteil urteile urteils validierung
variante varianten vater vegetation veranlagung veranstalter veranstaltung veranstaltungen verantwortliche
verantwortlichen verantwortlicher verantwortung verarbeitenden verarbeitung verband verbandes verbands
verbesserung verbesserungen verbindlichkeit verbindlichkeiten verbindung verbindungen verbot verbote verboten
verbotes verbots verbrauch verbraucher verbraucherdarlehen verbraucherschutz verbrauchs verbrauchsteuer
verbreitung verbrennung verbriefung verbringung verbund verbände verbänden verdacht verdienst verdienste
verdächtige verdächtigen veredelung veredlung verein vereinbarung vereinbarungen vereine vereinen vereinigung
vereinigungen vereins verfahren verfahrens verfall verfassung verfassungsschutz verfolgt verfolgung
verfügbarkeit verfügung verfügungen vergabe vergleich vergleiche vergleichs vergünstigungen vergütung
vergütungen verhalten verhaltens verhandlung verhandlungen verhinderung verhältnis verhältnisse verhältnissen
verhältnisses verhütung verifizierung verjährung verkauf verkaufs verkehr verkehre verkehren verkehrs
verkehrsdienste verkehrsdiensten verkehrsinfrastruktur verkäufe verkäufen verkäufer verkündung verkürzung
verlag verlagerung verlagerungen verlangen verlangens verlauf verlaufs verlege verlegung verleih verleihung
verletzung verletzungen verlust verluste verlusten verlustes verlängerung verlängerungen vermarktung
vermehrung vermeidung vermerk vermerke vermerken vermerks vermessung verminderung vermittler vermittlers
vermittlung vermutung vermöge vermögen vermögens vermögensanlage vermögensteuer vernehmung vernetzung
vernichtung verordnung verordnungen verpackung verpackungen verpflegung verpflichtete verpflichteten
verpflichteter verpflichtung verpflichtungen verrechnung verringerung versagung versammlung versammlungen
versand verschiebung verschleiß verschleppung verschluss verschluß verschlüsselung verschmelzung verschmutzung
verschmutzungen verschreibung versendung versetzung versicherer versicherern versicherers versichert
versicherte versicherten versicherung versicherungen versicherungs versicherungsanstalt versicherungspflicht
versicherungsschutz versicherungsunternehmen versicherungsvertrag versicherungsverträge versicherungsverträgen
version versionen versorgung versorgungen versorgungs versorgungsausgleich versorgungssystem versprechen
verspätung versteigerung verstoß verstoßes verständigung verständnis verstärkung verstöße verstößen versuch
versuche versuchen versuchs versäumnis verteidigung verteiler verteilung vertiefung vertrag vertrages
vertraglich vertragliche vertraglichen vertraglicher vertrags vertragsarzt vertrauen vertrauensperson
vertraulichkeit vertreibung vertreter vertreterin vertreterinnen vertretern vertreters vertretung vertretungen
vertrieb verträge verträgen verträglichkeit verursachung vervielfältigung verwahrstelle verwahrung verwalter
verwalters verwaltung verwaltungen verwaltungsgericht verwaltungskosten verwaltungsrat verwaltungsverfahren
verweigerung verweisung verwendbarkeit verwendung verwertung verzehr verzeichnis verzeichnisse verzeichnissen
verzeichnisses verzicht verzinsung verzug verzögerung veränderung veränderungen veräußerung veröffentlichung
video vieh vielfalt vier viertel vierteljahr virus visa visum vogel volks voll volle vollen vollmacht
vollstreckung vollständigkeit vollzeit vollziehung vollzug vollzugs volumen volumens volumina vorab
voranmeldung voraus voraussetzung voraussetzungen vorauszahlung vorauszahlungen vorbehalt vorbehalte
vorbehalten vorbehalts vorbereitende vorbereitung vorbereitungen vordruck vordrucke vorfeld vorführung vorgabe
vorgaben vorgang vorgangs vorgehen vorgesetzte vorgänge vorgängen vorhaben vorhabens vorher vorjahr vorkommen
vorlag vorlage vorlagen vorlegung vorleistung vormundschaft vorrang vorrichtung vorrichtungen vorräte vorräten
vorschlag vorschlages vorschlags vorschläge vorschlägen vorschrift vorschriften vorschuss vorschuß vorschüsse
vorsitz vorsitzende vorsitzenden vorsorge vorstand vorstandes vorstands vorstellung vorsteuer vorteil vorteile
vorteilen vorteils vortrag vortrags vorträge vorweg vorzug vögel völker waage wache wachs wachstum waffe
waffen wagen wagnis wahl wahlausschuss wahlausschusses wahlausschuß wahlausschüsse wahlen wahlkreis wahlrecht
wahlschein wahlvorschlag wahlvorstand wahr wahrnehmung wahrscheinlichkeit waise wald wand wandel ware
warmwasser warn wartezeit wartung wartungen wasch wasser wassers wasserstand wasserstoff wasserstraße
wasserstraßen wasserversorgung watt wechsel wechselkurs wechseln wechsels wege wegen weges wehr wehrdienst
wehrmacht weich weiden wein weinbau weise weisen weisung weit weiterbildung weitergabe weiterleitung
weiterverarbeitung weiß wellen welt weltanschauung werbung werk werke werken werkes werks werkstatt werkstein
werkstoff werkstoffe werkstoffen werkstätten werkzeug werkzeuge werkzeugen wert werte werten wertermittlung
wertes wertpapier wertpapierhandel werts wertschöpfung wesen weser west wettbewerb wetter wider widerruf
widerspruch widerstand wiederaufnahme wiederbeschaffung wiedergabe wiedergutmachung wiederholung wiederkehr
wiese wiesen wild willen wind winkel wirk wirken wirksam wirksame wirksamen wirksamkeit wirkstoff wirkung
wirkungen wirkungsgrad wirtschaft wirtschaftlich wirtschaftliche wirtschaftlichem wirtschaftlichen
wirtschaftlicher wirtschaftliches wirtschaftlichkeit wirtschafts wirtschaftsplan wirtschaftsprüfer wissen
wissenschaft wissenschaften wissenschaftliche wissenschaftlichen wissenschaftlicher witwe witwer woche wochen
wohl wohn wohngeld wohnort wohnraum wohnsitz wohnung wohnungen wohnungsbau wohnungseigentum wort wunsch wähler
währung wälder wände wänden wärme wärmebehandlung wäsche wünsche würdigen zahl zahlen zahlstelle zahlung
zahlungen zahlungsdienste zahlungskonten zahn zahnarzt zahnärzte zahnärztliche zahnärztlichen zehn zehntel
zehnten zeichen zeichens zeichnung zeichnungen zeile zeit zeiten zeitplan zeitpunkt zeitpunkte zeitpunkten
zeitpunktes zeitpunkts zeitraum zeitraumes zeitraums zeiträume zeiträumen zeitung zellen zellstoff zensus
zentral zentrale zentralen zentralregister zentren zentrum zentrums zerlegung zerstörung zertifikat
zertifikate zertifikaten zertifikats zertifizierung zeuge zeugen zeugnis zeugnisse zeugnissen zeugnisses
ziegen ziel ziele zielen zielgruppen ziels ziffer zins zinsen zinssatz zinssatzes zinssätze zivil zivildienst
zoll zollstelle zone zonen zubehör zubereitung zubereitungen zucht zucker zuckerrüben zufahrt zufluss zufuhr
zuführen zuführung zuführungen zugang zugangs zugangsberechtigung zuge zugehörigkeit zugriff zugrunde zugänge
zukunft zulage zulagen zulassung zulassungen zulässigkeit zuordnung zurechnung zurück zurückweisung zusage
zusagen zusammen zusammenhang zusammenlegung zusammensetzung zusammenstellung zusatz zusatzrenten
zusatzversorgung zuschlag zuschlags zuschläge zuschlägen zuschuss zuschusses zuschuß zuschüsse zuschüssen
zusetzen zustand zustandes zustands zustellung zustimmung zustände zuständigkeit zuständigkeiten zuteilung
zuteilungen zutritt zuverlässigkeit zuweisung zuweisungen zuwendung zuwendungen zuwider zuzug zwang zweck
zwecke zwecken zweckes zwecks zwei zweifel zweig zweige zweirad zweit zähler zählung züchter züchtung züge
zügen ähnliche ähnlichen ämter ämtern änderung änderungen änderungsgesetzes äquivalent äquivalente ärzte
ärzten ärztin ärztinnen ärztlich ärztliche ärztlichem ärztlichen ärztlicher ärztliches äußerung öffentlichkeit
öffnung öffnungen übereinkommen übereinkommens überführung übergabe übergang übergangs übergreifende übergänge
überlassung überleitung übermittlung übernachtung übernahme überprüfung überprüfungen überschreitung
überschuss überschuß übersetzung übersicht überstellung übertragung übertragungen übertragungsstelle
überwachung überweisung üblich übliche üblichen üblicher übung übungen
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
    "de": {"stand", "schloss", "schloß", "zwang", "drang", "klang", "schwamm", "wuchs"},
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
# Separable particles: the prefixes listed before the inseparable ones (be-, ver-, ...).
_SEPARABLE = {
    "nl": set(NL_PREFIXES[: NL_PREFIXES.index("be")]),
    "de": set(DE_PREFIXES[: DE_PREFIXES.index("be")]),
}


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


# Part-list words that mostly appear as the end of another part plus a linking -s (Gesundheit-s-amt).
_NOT_PARTS = {"samt", "sende", "sorte", "sorten", "staken"}
PARTS = {
    "nl": frozenset(NL_PARTS.split()) - _NOT_PARTS,
    "de": frozenset(DE_PARTS.split()) - _NOT_PARTS,
}
# Linking elements between the parts of a compound, longest first (Arbeit-s-vertrag, boek-en-kast).
_LINKS = {"nl": ("en", "s", "e", ""), "de": ("es", "en", "er", "s", "n", "e", "")}
MIN_PART = 4
MIN_COMPOUND = 8


@functools.lru_cache(maxsize=200_000)
def compound_parts(lang: str, word: str) -> tuple[str, ...]:
    """Return (head, tail) of a lowercased compound whose both parts are known, or () when it is none.

    Both parts must be in the language's part list (words that start or end several corpus compounds) and
    at least MIN_PART letters long, so short accidental matches (be-stand, ver-kehr) are not split. The
    longest known tail wins: motorrijtuigenbelasting -> motorrijtuig + belasting.
    """
    parts = PARTS.get(lang)
    if not parts or len(word) < MIN_COMPOUND or not word.isalpha():
        return ()
    for i in range(MIN_PART, len(word) - MIN_PART + 1):
        tail = word[i:]
        if tail not in parts:
            continue
        joined = word[:i]
        for link in _LINKS[lang]:
            if link and not joined.endswith(link):
                continue
            head = joined[: len(joined) - len(link)]
            if len(head) >= MIN_PART and head in parts:
                return (head, tail)
    return ()
