/**
 * What the U.S. node holds as selectors of the Los Arcos network: phone numbers, a messaging
 * account, vehicles, a broker's e-mail and domain, as cyber-observables, as indicators over STIX
 * patterns, and as the observations the indicators were built from. All numbers, plates, VINs,
 * accounts and domains are fictional (`.example` is a reserved TLD; 555-01xx is a fiction range).
 */
import type { StixObject } from '../stix/index.js';
import { demoId, indicator, nov, sco, sdo, type Author } from './scenario-kit.js';

/** Observables the U.S. side has seen; their ids are UUIDv5 of their values. */
export const US_SCO = {
  phoneCuliacan: sco('phone-number', 'amber', { value: '+526671234567', country: 'MX' }),
  phoneNogales: sco('phone-number', 'green', { value: '+526313125589', country: 'MX' }),
  phonePhoenix: sco('phone-number', 'amber', { value: '+16025550143', country: 'US' }),
  /** The informant-sourced number: TLP:RED, like its indicator. */
  phoneTucson: sco('phone-number', 'red', { value: '+15205550178', country: 'US' }),
  telegram: sco('user-account', 'amber', {
    account_type: 'telegram',
    account_login: 'ingeniero_cln_667',
    display_name: 'El Ingeniero (demo)',
  }),
  np300: sco('vehicle', 'green', {
    license_plate: 'VTR4821',
    plate_region: 'MX-SON',
    make: 'Nissan',
    model: 'NP300',
    color: 'white',
    year: 2019,
    vin: '3N6AD33AXKK824613',
  }),
  silverado: sco('vehicle', 'amber', {
    license_plate: 'CWK7316',
    plate_region: 'US-AZ',
    make: 'Chevrolet',
    model: 'Silverado 1500',
    color: 'black',
    year: 2018,
    vin: '3GCUYDED5JG371942',
  }),
  brokerEmail: sco('email-addr', 'amber', { value: 'compras@quimicapacifico.example', display_name: 'Compras QP (demo)' }),
  brokerDomain: sco('domain-name', 'green', { value: 'quimicapacifico.example' }),
} as const satisfies Record<string, StixObject>;

/** Indicator ids, fixed by name. */
export const US_INDICATOR = {
  phoneCuliacan: demoId('indicator', 'us:phone:+526671234567'),
  phoneNogales: demoId('indicator', 'us:phone:+526313125589'),
  phonePhoenix: demoId('indicator', 'us:phone:+16025550143'),
  /** Informant-sourced: TLP:RED, never released. */
  phoneTucson: demoId('indicator', 'us:phone:+15205550178'),
  telegram: demoId('indicator', 'us:telegram:ingeniero_cln_667'),
  np300: demoId('indicator', 'us:vehicle:MX-SON:VTR4821'),
  silverado: demoId('indicator', 'us:vehicle:US-AZ:CWK7316'),
  brokerEmail: demoId('indicator', 'us:email:compras@quimicapacifico.example'),
  brokerDomain: demoId('indicator', 'us:domain:quimicapacifico.example'),
} as const;

/** Observation ids. */
export const US_OBSERVATION = {
  deconcini: demoId('observed-data', 'us:deconcini-seizure-2026-11-03'),
  broker: demoId('observed-data', 'us:broker-messages-2026-11-02'),
} as const;

/** The U.S. indicators, observables and observations, authored by `us`. */
export function usSignals(us: Author): StixObject[] {
  const i = US_INDICATOR;
  const indicators = [
    indicator(
      us,
      i.phoneCuliacan,
      'amber',
      { created: nov(2, '15:10') },
      {
        name: 'Culiacán logistics coordinator line (demo)',
        description:
          'Mobile number used by the Los Arcos logistics coordinator known as "El Ingeniero (demo)" to ' +
          'schedule pill-press runs and border loads. Recovered from two seized handsets, one of them handed over by a ' +
          'cooperating defendant in the Phoenix cell.',
        pattern: "[phone-number:value = '+526671234567']",
        indicator_types: ['attribution'],
      },
    ),
    indicator(
      us,
      i.phoneNogales,
      'green',
      { created: nov(3, '18:40') },
      {
        name: 'Nogales, Sonora crossing coordinator line (demo)',
        description:
          'Number saved as "Güero NGS" in the phone of the driver arrested at the DeConcini port of entry; ' +
          'it called the driver 11 times in the 3 hours before the crossing.',
        pattern: "[phone-number:value = '+526313125589']",
        indicator_types: ['malicious-activity'],
      },
    ),
    indicator(
      us,
      i.phonePhoenix,
      'amber',
      { created: nov(4, '09:25') },
      {
        name: 'Phoenix distribution cell line (demo)',
        description: 'Number ordering pill re-supply for street distribution in west Phoenix.',
        pattern: "[phone-number:value = '+16025550143']",
        indicator_types: ['malicious-activity'],
      },
    ),
    indicator(
      us,
      i.phoneTucson,
      'red',
      { created: nov(4, '21:05') },
      {
        name: 'Tucson courier dispatcher line (demo)',
        description:
          'Dispatcher of couriers between Nogales and Tucson. Provided by a confidential source; do not ' +
          'act on it or disseminate it without the handling unit.',
        pattern: "[phone-number:value = '+15205550178']",
        indicator_types: ['malicious-activity'],
      },
    ),
    indicator(
      us,
      i.telegram,
      'amber',
      { created: nov(2, '15:30') },
      {
        name: 'Telegram account of the logistics coordinator (demo)',
        description: 'Account that negotiates 1-boc-4-AP and NPP purchases with the Manzanillo broker.',
        pattern: "[user-account:account_type = 'telegram' AND user-account:account_login = 'ingeniero_cln_667']",
        indicator_types: ['attribution'],
      },
    ),
    indicator(
      us,
      i.np300,
      'green',
      { created: nov(3, '18:30') },
      {
        name: 'Load vehicle, white Nissan NP300, Sonora plates VTR4821 (demo)',
        description:
          'Pickup with a non-factory compartment in the rocker panels, seized at the DeConcini port of entry. ' +
          'Related vehicles of the network use the same compartment design.',
        pattern: "[vehicle:license_plate = 'VTR4821' AND vehicle:plate_region = 'MX-SON']",
        indicator_types: ['malicious-activity'],
      },
    ),
    indicator(
      us,
      i.silverado,
      'amber',
      { created: nov(5, '11:00') },
      {
        name: 'Pick-up vehicle, black Chevrolet Silverado, Arizona plates CWK7316 (demo)',
        description: 'Collects loads from the west Phoenix stash house and delivers to Tucson; seen at the stash house 4 times.',
        pattern: "[vehicle:license_plate = 'CWK7316' AND vehicle:plate_region = 'US-AZ']",
        indicator_types: ['malicious-activity'],
      },
    ),
    indicator(
      us,
      i.brokerEmail,
      'amber',
      { created: nov(2, '16:00') },
      {
        name: 'Precursor broker purchasing address (demo)',
        description: 'Address of a front chemical distributor that invoices 4-AP and 1-boc-4-AP as "industrial solvents".',
        pattern: "[email-addr:value = 'compras@quimicapacifico.example']",
        indicator_types: ['malicious-activity'],
      },
    ),
    indicator(
      us,
      i.brokerDomain,
      'green',
      { created: nov(2, '16:05') },
      {
        name: 'Precursor broker web domain (demo)',
        description: 'Storefront of the front chemical distributor that receives containers at Manzanillo.',
        pattern: "[domain-name:value = 'quimicapacifico.example']",
        indicator_types: ['malicious-activity'],
      },
    ),
  ];
  const s = US_SCO;
  const observations = [
    sdo(
      us,
      US_OBSERVATION.deconcini,
      'green',
      { created: nov(3, '18:20') },
      {
        first_observed: nov(3, '14:20'),
        last_observed: nov(3, '14:20'),
        number_observed: 1,
        object_refs: [s.np300.id, s.phoneNogales.id],
      },
    ),
    sdo(
      us,
      US_OBSERVATION.broker,
      'amber',
      { created: nov(2, '14:45') },
      {
        first_observed: nov(1, '08:00'),
        last_observed: nov(2, '11:30'),
        number_observed: 6,
        object_refs: [s.brokerEmail.id, s.brokerDomain.id, s.telegram.id],
      },
    ),
  ];
  return [...Object.values(s), ...indicators, ...observations];
}
