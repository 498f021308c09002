/**
 * What the Mexico node originates: a Sonora analysis unit (fictional) that dismantles a
 * clandestine lab near Culiacán, sights one of the U.S. indicators in the seized phones, and adds
 * its own selectors, a note and an opinion about the U.S. threat actor. Text in Mexican Spanish.
 */
import type { StixObject, TlpLevel } from '../stix/index.js';
import { demoId, indicator, location, nov, relationship, sco, sdo, type Author, type ScenarioNodes } from './scenario-kit.js';
import { US } from './scenario-us.js';
import { US_INDICATOR } from './scenario-us-signals.js';

/** Observables the Mexico side has seen (values distinct from the U.S. ones). */
export const MX_SCO = {
  phoneHermosillo: sco('phone-number', 'amber', { value: '+526622184530', country: 'MX' }),
  phoneCaborca: sco('phone-number', 'green', { value: '+526373721946', country: 'MX' }),
  lobo: sco('vehicle', 'green', {
    license_plate: 'VKN7263',
    plate_region: 'MX-SIN',
    make: 'Ford',
    model: 'Lobo',
    color: 'gris',
    year: 2021,
    vin: '1FTEW1EP1MKD52806',
  }),
} as const satisfies Record<string, StixObject>;

/** Ids of the Mexico domain objects, fixed by name. */
export const MX = {
  unit: demoId('identity', 'mx:uatn-aei-sonora'),
  caborca: demoId('location', 'mx:caborca'),
  hermosillo: demoId('location', 'mx:hermosillo'),
  lazaroCardenas: demoId('location', 'mx:puerto-lazaro-cardenas'),
  labTepuche: demoId('location', 'mx:laboratorio-tepuche'),
  phoneHermosillo: demoId('indicator', 'mx:telefono:+526622184530'),
  phoneCaborca: demoId('indicator', 'mx:telefono:+526373721946'),
  lobo: demoId('indicator', 'mx:vehiculo:MX-SIN:VKN7263'),
  labPhones: demoId('observed-data', 'mx:telefonos-laboratorio-tepuche'),
  labDismantled: demoId('incident', 'mx:desmantelamiento-tepuche-2026-11-04'),
  sightingCuliacan: demoId('sighting', 'mx:avistamiento:+526671234567'),
  linkNote: demoId('note', 'mx:vinculo-tepuche-los-arcos'),
  attributionOpinion: demoId('opinion', 'mx:opinion-atribucion-los-arcos'),
} as const;

function unitAndPlaces(mx: Author): StixObject[] {
  const at = { created: nov(1, '11:00') };
  return [
    sdo(mx, MX.unit, 'green', at, {
      name: 'Unidad de Análisis Táctico Noroeste, Agencia Estatal de Investigación de Sonora (demo)',
      description: 'Unidad ficticia de análisis e investigación sobre tráfico de fentanilo y precursores químicos en Sonora.',
      identity_class: 'organization',
      sectors: ['government'],
    }),
    location(mx, MX.caborca, 'green', at, {
      name: 'Caborca',
      lat: 30.716,
      lon: -112.1594,
      city: 'Heroica Caborca',
      area: 'Sonora',
      country: 'MX',
      description: 'Punto de acopio y relevo de cargamentos rumbo a Sonoyta y Nogales.',
    }),
    location(mx, MX.hermosillo, 'green', at, {
      name: 'Hermosillo',
      lat: 29.0729,
      lon: -110.9559,
      city: 'Hermosillo',
      area: 'Sonora',
      country: 'MX',
    }),
    location(mx, MX.lazaroCardenas, 'green', at, {
      name: 'Puerto de Lázaro Cárdenas',
      lat: 17.9411,
      lon: -102.1814,
      city: 'Lázaro Cárdenas',
      area: 'Michoacán',
      country: 'MX',
    }),
    location(
      mx,
      MX.labTepuche,
      'amber',
      { created: nov(4, '19:00') },
      {
        name: 'Predio del laboratorio clandestino, Tepuche (demo)',
        lat: 24.9755,
        lon: -107.2608,
        city: 'Culiacán',
        area: 'Sinaloa',
        country: 'MX',
        description: 'Predio rural en la sindicatura de Tepuche, a unos 25 km al noreste de Culiacán.',
      },
    ),
  ];
}

function selectors(mx: Author): StixObject[] {
  return [
    indicator(
      mx,
      MX.phoneHermosillo,
      'amber',
      { created: nov(5, '10:00') },
      {
        name: 'Línea del encargado de bodega en Hermosillo (demo)',
        description: 'Número que coordinaba la entrega de precursores al laboratorio de Tepuche; hallado en dos teléfonos asegurados.',
        pattern: "[phone-number:value = '+526622184530']",
        indicator_types: ['malicious-activity'],
      },
    ),
    indicator(
      mx,
      MX.phoneCaborca,
      'green',
      { created: nov(5, '10:05') },
      {
        name: 'Línea de relevos en Caborca (demo)',
        description: 'Número que asigna choferes para el tramo Caborca–Sonoyta–Lukeville.',
        pattern: "[phone-number:value = '+526373721946']",
        indicator_types: ['malicious-activity'],
      },
    ),
    indicator(
      mx,
      MX.lobo,
      'green',
      { created: nov(5, '10:10') },
      {
        name: 'Camioneta Ford Lobo gris, placas de Sinaloa VKN7263 (demo)',
        description:
          'Vehículo asegurado en el laboratorio de Tepuche; registrado en casetas de la carretera federal 15 ' +
          'hacia Hermosillo y San Luis Río Colorado en octubre de 2026.',
        pattern: "[vehicle:license_plate = 'VKN7263' AND vehicle:plate_region = 'MX-SIN']",
        indicator_types: ['malicious-activity'],
      },
    ),
    ...Object.values(MX_SCO),
    sdo(
      mx,
      MX.labPhones,
      'green',
      { created: nov(5, '09:30') },
      {
        first_observed: nov(4, '06:15'),
        last_observed: nov(4, '06:15'),
        number_observed: 1,
        object_refs: [MX_SCO.phoneHermosillo.id, MX_SCO.lobo.id],
      },
    ),
  ];
}

function findings(mx: Author, nodes: ScenarioNodes): StixObject[] {
  return [
    sdo(
      mx,
      MX.labDismantled,
      'green',
      { created: nov(4, '18:00'), modified: nov(5, '09:00') },
      {
        name: 'Desmantelamiento de laboratorio clandestino en Tepuche, Culiacán (demo)',
        description:
          'El 4 de noviembre de 2026 se desmanteló un laboratorio clandestino de síntesis de fentanilo en ' +
          'un predio de la sindicatura de Tepuche, Culiacán, Sinaloa. Se aseguraron 310 kg de 4-AP, 145 kg de ' +
          '1-boc-4-AP, 60 kg de NPP, 22 kg de ANPP, 1,850 litros de solventes y precursores (tolueno, acetona y ' +
          'ácido clorhídrico), 2 prensas tableteadoras, 38 kg de pastillas azules con la marca "M30" y una ' +
          'camioneta Ford Lobo con placas de Sinaloa VKN7263. No hubo detenidos; dos personas huyeron a la sierra.',
      },
    ),
    sdo(
      mx,
      MX.sightingCuliacan,
      'amber',
      { created: nov(5, '12:00') },
      {
        description:
          'El número +526671234567 aparece 14 veces en el registro de llamadas de un teléfono asegurado ' + 'en el laboratorio de Tepuche.',
        first_seen: '2026-10-20T16:42:00Z',
        last_seen: '2026-11-03T22:08:00Z',
        count: 14,
        sighting_of_ref: US_INDICATOR.phoneCuliacan,
        where_sighted_refs: [nodes.mxIdentity, MX.labTepuche],
      },
    ),
    sdo(
      mx,
      MX.linkNote,
      'amber',
      { created: nov(5, '13:00') },
      {
        abstract: 'Vínculo del laboratorio de Tepuche con la red Los Arcos (demo)',
        content:
          'El análisis de los teléfonos asegurados en Tepuche confirma que el laboratorio abastecía a la red ' +
          'Los Arcos. Los precursores llegaron por el puerto de Lázaro Cárdenas en contenedores declarados como ' +
          'pigmentos industriales. Se sugiere cotejar con los registros de importación de Manzanillo.',
        authors: ['Analista de la UATN, AEI Sonora (demo)'],
        object_refs: [US.losArcos, MX.labDismantled],
      },
    ),
    sdo(
      mx,
      MX.attributionOpinion,
      'green',
      { created: nov(6, '18:00') },
      {
        opinion: 'agree',
        explanation:
          'Coincidimos con la atribución: las pastillas de Tepuche tienen el mismo troquel "M30" que las ' +
          'aseguradas en la garita DeConcini el 3 de noviembre.',
        authors: ['Analista de la UATN, AEI Sonora (demo)'],
        object_refs: [US.losArcos],
      },
    ),
  ];
}

function relationships(mx: Author): StixObject[] {
  const r = (source: string, type: string, target: string, tlp: TlpLevel) =>
    relationship(mx, source, type, target, tlp, { created: nov(5, '14:00') });
  return [
    r(MX.phoneHermosillo, 'indicates', US.losArcos, 'amber'),
    r(MX.phoneCaborca, 'indicates', US.corredorAzul, 'green'),
    r(MX.lobo, 'indicates', US.losArcos, 'green'),
    r(MX.lobo, 'based-on', MX.labPhones, 'green'),
    r(MX.labDismantled, 'related-to', MX.labTepuche, 'amber'),
    r(MX.labDismantled, 'related-to', MX.lazaroCardenas, 'green'),
    r(MX.labDismantled, 'related-to', US.losArcos, 'amber'),
    r(US.losArcos, 'located-at', MX.caborca, 'green'),
    r(US.losArcos, 'located-at', MX.hermosillo, 'amber'),
  ];
}

/** Everything the Mexico node originates for the demo, in a fixed order. */
export function buildMxObjects(nodes: ScenarioNodes): StixObject[] {
  const mx: Author = { createdBy: nodes.mxIdentity, lang: 'es-MX' };
  return [...unitAndPlaces(mx), ...selectors(mx), ...findings(mx, nodes), ...relationships(mx)];
}
