/**
 * Word lists behind the seed people: names from many languages (several with
 * diacritics, so matching code meets `José` and `Jose`), and places whose phone
 * numbers and postal codes look right for the country. Phone numbers use only ranges
 * reserved for fiction (NANP 555-01xx, Ofcom 07700 900xxx); email domains are the
 * reserved `example` names, so nothing seeded can reach a real person.
 */

/** A first name and the salutation family it usually takes. */
export interface FirstName {
  name: string;
  gender: 'female' | 'male';
}

const female = [
  'Mary', 'Olivia', 'Emma', 'Sofia', 'Zoë', 'Amara', 'Aaliyah', 'Mei', 'Priya', 'Fatima', 'Chloé', 'Ingrid',
  'Siobhán', 'Lucía', 'Yuki', 'Ana', 'Nadia', 'Hannah', 'Grace', 'Catherine', 'Sarah', 'Aisha', 'Élodie',
  'Maria', 'Leila', 'Ngozi', 'Sakura', 'Ji-woo', 'Agnieszka', 'Elena',
];
const male = [
  'John', 'James', 'Michael', 'David', 'José', 'Mohammed', 'Wei', 'Raj', 'Kwame', 'Luca', 'Søren', 'Mateo',
  'Hiroshi', 'Liam', 'Noah', 'Ethan', 'Stephen', 'Jonathan', 'Andrés', 'François', 'Jürgen', 'Oluwaseun',
  'Dmitri', 'Ahmed', 'Chen', 'Arjun', 'Thomas', 'William', 'Tomasz', 'Giorgos',
];

/** First names, each tagged with the gender its salutation follows. */
export const FIRST_NAMES: readonly FirstName[] = [
  ...female.map((name) => ({ name, gender: 'female' as const })),
  ...male.map((name) => ({ name, gender: 'male' as const })),
];

/** Family names, weighted towards common ones by repetition. */
export const LAST_NAMES: readonly string[] = [
  'Smith', 'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'García', 'Martínez', 'Rodríguez', 'Nguyen', 'Nguyen',
  'Kim', 'Patel', 'Patel', 'Singh', 'Chen', 'Wang', 'Müller', 'Schmidt', "O'Brien", 'Murphy', 'Kowalski', 'Nowak',
  'Okafor', 'Mensah', 'Haddad', 'Khan', 'Ali', 'Cohen', 'Rossi', 'Bianchi', 'Dubois', 'Lefèvre', 'Jørgensen',
  'Andersson', 'Núñez', 'Peña', 'Yamamoto', 'Tanaka', 'Ivanova', 'Papadopoulos', 'da Silva', 'Fernández',
  'McDonald', 'Thompson', 'Walker', 'Hughes', 'López', 'Brennan', 'Goldberg', 'Hernández', 'Adeyemi',
];

/** Variant spellings a CRM user might type for the same person (`John` -> `Jon`). */
export const SPELLING_VARIANTS: Readonly<Record<string, string>> = {
  John: 'Jon', Jonathan: 'Johnathan', Catherine: 'Katherine', Stephen: 'Steven', Sarah: 'Sara',
  Mohammed: 'Mohamed', Ahmed: 'Ahmad', Aisha: 'Ayesha', Michael: 'Micheal', Thomas: 'Tomas', Leila: 'Layla',
  Sofia: 'Sophia', Hannah: 'Hanna', Mary: 'Marie', Dmitri: 'Dmitry', Elena: 'Helena', Smith: 'Smyth',
  Murphy: 'Murphey', Thompson: 'Thomson', Brennan: 'Brenan', Goldberg: 'Goldburg', Kowalski: 'Kowalsky',
  McDonald: 'MacDonald', Haddad: 'Hadad', Cohen: 'Cohn', Okafor: 'Okafur', "O'Brien": 'OBrien', Walker: 'Walkers',
};

/** A city with what it takes to write a believable address and phone number there. */
export interface City {
  city: string;
  state: string;
  country: string;
  countryCode: 'US' | 'GB' | 'CA';
  /** A postal code pattern: `#` is a digit, `@` a capital letter, everything else literal. */
  postalPattern: string;
  /** E.164 prefix of local numbers; the generator appends the fictional-range digits. */
  phonePrefix: string;
}

const us = (city: string, state: string, zip: string, area: string): City => ({
  city, state, country: 'United States', countryCode: 'US', postalPattern: `${zip}##`, phonePrefix: `+1${area}55501`,
});
const gb = (city: string, county: string, outward: string): City => ({
  city, state: county, country: 'United Kingdom', countryCode: 'GB', postalPattern: `${outward} #@@`, phonePrefix: '+447700900',
});
const ca = (city: string, province: string, fsa: string, area: string): City => ({
  city, state: province, country: 'Canada', countryCode: 'CA', postalPattern: `${fsa} #@#`, phonePrefix: `+1${area}55501`,
});

/** Cities weighted towards the United States, where most seeded customers live. */
export const CITIES: readonly City[] = [
  us('New York', 'NY', '100', '212'), us('Chicago', 'IL', '606', '312'), us('Austin', 'TX', '787', '512'),
  us('Seattle', 'WA', '981', '206'), us('Boston', 'MA', '021', '617'), us('Denver', 'CO', '802', '303'),
  us('Atlanta', 'GA', '303', '404'), us('San Diego', 'CA', '921', '619'), us('Phoenix', 'AZ', '850', '602'),
  us('Portland', 'OR', '972', '503'), gb('London', 'Greater London', 'SW1A'), gb('Manchester', 'Greater Manchester', 'M1'),
  gb('Leeds', 'West Yorkshire', 'LS1'), gb('Edinburgh', 'City of Edinburgh', 'EH1'), ca('Toronto', 'ON', 'M5V', '416'),
  ca('Vancouver', 'BC', 'V6B', '604'), ca('Montréal', 'QC', 'H2X', '514'),
];

/** Street names used in every country (the seed needs plausibility, not geography). */
export const STREETS: readonly string[] = [
  'Maple Street', 'Oak Avenue', 'High Street', 'Station Road', 'Church Lane', 'Elm Drive', 'Queen Street',
  'King Street', 'Park Road', 'Cedar Court', 'Mill Lane', 'Lakeview Drive', 'Victoria Road', 'Birch Way',
  'Harbour Street', 'Willow Crescent', 'Main Street', 'Sunset Boulevard', 'Chestnut Close', 'River Road',
];

/** Reserved domains (RFC 2606 / 6761): mail to them goes nowhere. */
export const EMAIL_DOMAINS: readonly string[] = ['example.com', 'example.net', 'example.org', 'mail.example', 'post.example'];
