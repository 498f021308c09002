/**
 * What the U.S. node originates: the Los Arcos network (fictional) that turns precursor chemicals
 * landed at Pacific ports into counterfeit "M30" fentanyl pills near Culiacán and moves them
 * through Sonora to Phoenix and Tucson. Places are real; people, units and selectors are not.
 */
import type { StixObject, TlpLevel } from '../stix/index.js';
import { demoId, location, nov, relationship, relationshipId, sdo, type Author } from './scenario-kit.js';
import { US_INDICATOR, US_OBSERVATION, US_SCO, usSignals } from './scenario-us-signals.js';

/** Ids of the U.S. domain objects, fixed by name. */
export const US = {
  taskForce: demoId('identity', 'us:desert-corridor-task-force'),
  portUnit: demoId('identity', 'us:santa-cruz-port-interdiction-unit'),
  losArcos: demoId('threat-actor', 'los-arcos-network'),
  corredorAzul: demoId('campaign', 'corredor-azul-2026'),
  culiacan: demoId('location', 'culiacan'),
  manzanillo: demoId('location', 'port-of-manzanillo'),
  deconcini: demoId('location', 'nogales-deconcini-poe'),
  mariposa: demoId('location', 'nogales-mariposa-poe'),
  lukeville: demoId('location', 'lukeville-poe'),
  phoenix: demoId('location', 'phoenix'),
  tucson: demoId('location', 'tucson'),
  pillPress: demoId('infrastructure', 'culiacan-pill-press'),
  stashHouse: demoId('infrastructure', 'west-phoenix-stash-house'),
  freightFront: demoId('infrastructure', 'manzanillo-freight-front'),
  seizureDeconcini: demoId('incident', 'deconcini-seizure-2026-11-03'),
  seizureMariposa: demoId('incident', 'mariposa-seizure-2026-11-05'),
  seizureLukeville: demoId('incident', 'lukeville-seizure-2026-11-06'),
  report: demoId('report', 'los-arcos-network-2026-11'),
  procurementLeads: demoId('grouping', 'precursor-procurement-leads'),
  sourceNote: demoId('note', 'tucson-dispatcher-source'),
} as const;

function actors(us: Author): StixObject[] {
  return [
    sdo(
      us,
      US.taskForce,
      'green',
      { created: nov(1, '09:00') },
      {
        name: 'Desert Corridor Narcotics Task Force, Phoenix Field Unit (demo)',
        description: 'Multi-agency task force unit investigating fentanyl distribution networks in Maricopa County.',
        identity_class: 'organization',
        sectors: ['government'],
        contact_information: 'dctf-phoenix@enlace-demo.example',
      },
    ),
    sdo(
      us,
      US.portUnit,
      'green',
      { created: nov(1, '09:05') },
      {
        name: 'Santa Cruz County Port Interdiction Unit (demo)',
        description: 'Interdiction unit working the Nogales DeConcini and Mariposa ports of entry.',
        identity_class: 'organization',
        sectors: ['government'],
      },
    ),
    sdo(
      us,
      US.losArcos,
      'amber',
      { created: nov(1, '10:00'), modified: nov(6, '16:00') },
      {
        name: 'Los Arcos network (demo)',
        description:
          'Trafficking network based in Culiacán, Sinaloa. Buys fentanyl precursors (4-AP, 1-boc-4-AP, NPP, ' +
          'ANPP) through front companies that land containers at Manzanillo and Lázaro Cárdenas, presses counterfeit ' +
          '"M30" oxycodone pills near Culiacán, and moves them through Hermosillo, Caborca and Nogales, Sonora into ' +
          'Arizona in vehicles with built-in compartments. Distributes through cells in Phoenix and Tucson.',
        threat_actor_types: ['crime-syndicate'],
        aliases: ['Los Arcos (demo)', 'La Empresa del Valle (demo)'],
        roles: ['director', 'infrastructure-operator'],
        goals: ['Secure a steady supply of fentanyl precursors', 'Move counterfeit pills into Arizona at volume'],
        sophistication: 'advanced',
        resource_level: 'organization',
        primary_motivation: 'personal-gain',
        first_seen: '2025-03-01T00:00:00Z',
      },
    ),
    sdo(
      us,
      US.corredorAzul,
      'amber',
      { created: nov(1, '10:30'), modified: nov(6, '16:00') },
      {
        name: 'Corredor Azul (demo)',
        description:
          'Sustained push of blue counterfeit "M30" pills from Culiacán through Sonora to Phoenix and Tucson ' +
          'since August 2026, using private vehicles at Nogales and Lukeville and produce trailers at Mariposa.',
        aliases: ['Blue Corridor (demo)'],
        first_seen: '2026-08-01T00:00:00Z',
        objective: 'Saturate the Phoenix and Tucson markets ahead of the 2026 holiday season.',
      },
    ),
  ];
}

function places(us: Author): StixObject[] {
  const at = { created: nov(1, '09:30') };
  return [
    location(us, US.culiacan, 'clear', at, {
      name: 'Culiacán',
      lat: 24.8091,
      lon: -107.394,
      city: 'Culiacán',
      area: 'Sinaloa',
      country: 'MX',
    }),
    location(us, US.manzanillo, 'clear', at, {
      name: 'Port of Manzanillo',
      lat: 19.0586,
      lon: -104.3063,
      city: 'Manzanillo',
      area: 'Colima',
      country: 'MX',
      description: "Mexico's busiest container port; entry point of precursor shipments from Asia.",
    }),
    location(us, US.deconcini, 'clear', at, {
      name: 'Nogales DeConcini port of entry',
      lat: 31.3327,
      lon: -110.9413,
      city: 'Nogales',
      area: 'Arizona',
      country: 'US',
    }),
    location(us, US.mariposa, 'clear', at, {
      name: 'Nogales Mariposa port of entry',
      lat: 31.3436,
      lon: -110.9725,
      city: 'Nogales',
      area: 'Arizona',
      country: 'US',
      description: 'Commercial crossing for produce trucks from Sonora and Sinaloa.',
    }),
    location(us, US.lukeville, 'clear', at, {
      name: 'Lukeville port of entry',
      lat: 31.8802,
      lon: -112.8165,
      city: 'Lukeville',
      area: 'Arizona',
      country: 'US',
    }),
    location(us, US.phoenix, 'clear', at, {
      name: 'Phoenix',
      lat: 33.4484,
      lon: -112.074,
      city: 'Phoenix',
      area: 'Arizona',
      country: 'US',
    }),
    location(us, US.tucson, 'clear', at, { name: 'Tucson', lat: 32.2226, lon: -110.9747, city: 'Tucson', area: 'Arizona', country: 'US' }),
  ];
}

function infrastructure(us: Author): StixObject[] {
  return [
    sdo(
      us,
      US.pillPress,
      'amber',
      { created: nov(2, '10:00') },
      {
        name: 'Pill-press site, Culiacán outskirts (demo)',
        description: 'Two rotary pill presses and blue dye; output estimated at 40,000 pills a day.',
        infrastructure_types: ['production'],
        first_seen: '2026-07-15T00:00:00Z',
      },
    ),
    sdo(
      us,
      US.stashHouse,
      'amber+strict',
      { created: nov(4, '10:00') },
      {
        name: 'Stash house, west Phoenix (demo)',
        description: 'Single-family house receiving loads from Nogales; under surveillance, do not approach.',
        infrastructure_types: ['staging'],
        first_seen: '2026-09-20T00:00:00Z',
      },
    ),
    sdo(
      us,
      US.freightFront,
      'green',
      { created: nov(2, '10:15') },
      {
        name: 'Freight-forwarding front, Manzanillo (demo)',
        description: 'Customs broker that clears precursor containers declared as industrial solvents and pigments.',
        infrastructure_types: ['staging'],
      },
    ),
  ];
}

function incidents(us: Author): StixObject[] {
  return [
    sdo(
      us,
      US.seizureDeconcini,
      'green',
      { created: nov(3, '18:00'), modified: nov(4, '08:30') },
      {
        name: 'Fentanyl pill seizure at the Nogales DeConcini port of entry (demo)',
        description:
          'On 3 November 2026 at 14:20 MST, officers of the Santa Cruz County Port Interdiction Unit (demo) ' +
          'found 118,400 blue "M30" pills (about 11.8 kg) and 2.3 kg of fentanyl powder in the rocker panels of a ' +
          'white 2019 Nissan NP300 with Sonora plates VTR4821. The driver, a 24-year-old, was arrested.',
      },
    ),
    sdo(
      us,
      US.seizureMariposa,
      'amber',
      { created: nov(5, '20:00') },
      {
        name: 'Fentanyl powder seizure in a produce trailer at the Mariposa port of entry (demo)',
        description:
          'On 5 November 2026 a tractor-trailer manifested with Roma tomatoes from Culiacán carried 66 kg of ' +
          'fentanyl pills and 9 kg of powder in a false floor. The load matches the Culiacán press markings.',
      },
    ),
    sdo(
      us,
      US.seizureLukeville,
      'green',
      { created: nov(6, '13:00') },
      {
        name: 'Fentanyl pill seizure at the Lukeville port of entry (demo)',
        description:
          'On 6 November 2026 about 9,000 pills (0.9 kg) were found in the fuel tank of a sedan coming from ' +
          'Sonoyta, Sonora. The driver carried a phone that had called the Nogales coordinator line.',
      },
    ),
  ];
}

function relationships(us: Author): StixObject[] {
  const i = US_INDICATOR;
  const r = (source: string, type: string, target: string, tlp: TlpLevel, day: number) =>
    relationship(us, source, type, target, tlp, { created: nov(day, '16:10') });
  return [
    r(i.phoneCuliacan, 'indicates', US.losArcos, 'amber', 2),
    r(i.phoneNogales, 'indicates', US.corredorAzul, 'green', 4),
    r(i.phonePhoenix, 'indicates', US.losArcos, 'amber', 4),
    r(i.phoneTucson, 'indicates', US.losArcos, 'red', 5),
    r(i.telegram, 'indicates', US.losArcos, 'amber', 2),
    r(i.np300, 'indicates', US.corredorAzul, 'green', 4),
    r(i.silverado, 'indicates', US.losArcos, 'amber', 5),
    r(i.brokerEmail, 'indicates', US.losArcos, 'amber', 2),
    r(i.brokerDomain, 'indicates', US.losArcos, 'amber', 2),
    r(i.np300, 'based-on', US_OBSERVATION.deconcini, 'green', 4),
    r(i.brokerEmail, 'based-on', US_OBSERVATION.broker, 'amber', 2),
    r(US.losArcos, 'located-at', US.culiacan, 'amber', 1),
    r(US.losArcos, 'located-at', US.phoenix, 'amber', 4),
    r(US.losArcos, 'located-at', US.tucson, 'amber', 4),
    r(US.corredorAzul, 'attributed-to', US.losArcos, 'amber', 1),
    r(US.losArcos, 'uses', US.pillPress, 'amber', 2),
    r(US.losArcos, 'uses', US.stashHouse, 'amber+strict', 4),
    r(US.pillPress, 'located-at', US.culiacan, 'amber', 2),
    r(US.stashHouse, 'located-at', US.phoenix, 'amber+strict', 4),
    r(US.freightFront, 'located-at', US.manzanillo, 'green', 2),
    r(US.seizureDeconcini, 'related-to', US.corredorAzul, 'amber', 4),
    r(US.seizureDeconcini, 'related-to', US.deconcini, 'green', 4),
    r(US.seizureMariposa, 'related-to', US.corredorAzul, 'amber', 6),
    r(US.seizureMariposa, 'related-to', US.mariposa, 'amber', 6),
    r(US.seizureLukeville, 'related-to', US.corredorAzul, 'amber', 6),
    r(US.seizureLukeville, 'related-to', US.lukeville, 'green', 6),
  ];
}

/** The source note: TLP:RED, it names the informant behind the Tucson number. */
function sourceNote(us: Author): StixObject {
  return sdo(
    us,
    US.sourceNote,
    'red',
    { created: nov(4, '21:10') },
    {
      abstract: 'Source of the Tucson dispatcher number (demo)',
      content:
        'The number +15205550178 was provided on 4 November 2026 by confidential source CS-TUC-0117 ' +
        '"GAVILÁN" (demo), a courier for the Tucson cell, reliability B, information 2. Handler: Det. R. Alvarado ' +
        '(demo), Desert Corridor Narcotics Task Force. Any action on this number exposes the source.',
      authors: ['Det. R. Alvarado (demo)'],
      object_refs: [US_INDICATOR.phoneTucson],
    },
  );
}

/** The body of what the U.S. node knows, before its handling markings, grading and report. */
export function usBody(us: Author): StixObject[] {
  return [...actors(us), ...places(us), ...infrastructure(us), ...incidents(us), ...usSignals(us), ...relationships(us)];
}

/** The consolidated report over `refs` (which must not name what is TLP:RED). */
export function usReport(us: Author, refs: string[]): StixObject {
  return sdo(
    us,
    US.report,
    'amber',
    { created: nov(6, '16:30') },
    {
      name: 'Los Arcos network: precursors, pill presses and the Arizona corridor (demo)',
      description:
        'Consolidated picture of the Los Arcos network after the November 2026 seizures at DeConcini, ' +
        'Mariposa and Lukeville, with the selectors that link them.',
      report_types: ['threat-actor', 'campaign', 'indicator'],
      published: nov(6, '17:00'),
      object_refs: refs,
    },
  );
}

/** Leads for the partner to check against import records. */
export function usProcurementLeads(us: Author): StixObject {
  return sdo(
    us,
    US.procurementLeads,
    'amber',
    { created: nov(2, '17:30') },
    {
      name: 'Precursor procurement leads (demo)',
      description:
        'Selectors of the broker that supplies 4-AP and 1-boc-4-AP through Manzanillo; for the partner to check ' +
        'against import records at Manzanillo and Lázaro Cárdenas.',
      context: 'suspicious-activity',
      object_refs: [
        US_INDICATOR.brokerEmail,
        US_INDICATOR.brokerDomain,
        US_INDICATOR.telegram,
        US_OBSERVATION.broker,
        US.freightFront,
        US.manzanillo,
      ],
    },
  );
}

export { sourceNote as usSourceNote };

/** The U.S. objects marked TLP:RED: the informant's number (indicator and observable), the note naming the informant, and their link. */
export const US_RED_IDS: readonly string[] = [
  US_INDICATOR.phoneTucson,
  US_SCO.phoneTucson.id,
  US.sourceNote,
  relationshipId(US_INDICATOR.phoneTucson, 'indicates', US.losArcos),
];
