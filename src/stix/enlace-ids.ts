/**
 * Fixed identifiers of what the Enlace project itself declares. They never change: nodes of every
 * version and both countries must agree on them byte for byte.
 */

/** The identity that authors Enlace's extension definitions (the project, not any node). */
export const ENLACE_PROJECT_IDENTITY = 'identity--d7343efb-941b-4d30-8e5c-2593c72d8b25';

/** Property extension carrying the originator's detached JWS over the object. */
export const SIGNATURE_EXTENSION_ID = 'extension-definition--3389e1a9-99af-42e8-8c13-59b3a4bb0f2d';

/** New SCO `phone-number` (E.164). */
export const PHONE_NUMBER_EXTENSION_ID = 'extension-definition--1464e0cb-adc9-4d8b-aa86-ade18ebe8f71';

/** New SCO `vehicle` (plates, VIN, make and model), for trafficking routes. */
export const VEHICLE_EXTENSION_ID = 'extension-definition--72f09cfa-0b85-4d1c-bbc9-a3408cae7419';

/** Property extension on identity: the country (ISO 3166-1 alpha-2) a node or agency belongs to. */
export const NODE_IDENTITY_EXTENSION_ID = 'extension-definition--52133063-13f2-4c1b-a32c-f115a1c8080e';

/**
 * Marking-definition extension: a law-enforcement handling code (H0–H3, with the conditions of H3)
 * and a releasability list (identities and countries the marked content may go to).
 */
export const HANDLING_EXTENSION_ID = 'extension-definition--147b74e3-b410-4bc9-b035-666bd90d78be';

/** Property extension carrying the originator's grading: source reliability A/B/C/X, information 1–4. */
export const GRADING_EXTENSION_ID = 'extension-definition--8a9805a6-f753-4a22-a364-4cbf1edcc4d6';

/** New SDO `x-enlace-proposal`: a change a partner suggests to an object another node originated. */
export const PROPOSAL_EXTENSION_ID = 'extension-definition--4ccbe9ab-b403-4b12-b6e7-4ef38bc1f65b';

/** New SDO `x-enlace-proposal-response`: the originator's acceptance or rejection of a proposal. */
export const PROPOSAL_RESPONSE_EXTENSION_ID = 'extension-definition--735919f5-d83e-467a-b951-542c7b30e746';

/** New SDO `x-enlace-drone-incident`: drones seen near the border, as the detecting node tells its partner. */
export const DRONE_INCIDENT_EXTENSION_ID = 'extension-definition--9620120e-747d-4427-89a5-46eb32a8e4b1';

/** New SDO `x-enlace-drone-alert-ack`: either node's acknowledgement of one alert of a drone incident. */
export const DRONE_ALERT_ACK_EXTENSION_ID = 'extension-definition--fa15d6c0-152c-44ef-9c0c-80df083c6893';
