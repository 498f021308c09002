/** Domain types for the U.S.–Mexico border: sides, ports, positions and what we say about them. */

export type Side = 'US' | 'MX';

/** WGS84 degrees. */
export interface LatLon {
  lat: number;
  lon: number;
}

/** A position at a time; `t` in milliseconds since the epoch so fixes from any source compare. */
export interface Fix extends LatLon {
  t: number;
}

export interface PortOfEntry extends LatLon {
  id: string;
  portUs: string;
  stateUs: 'CA' | 'AZ' | 'NM' | 'TX';
  cityMx: string;
  stateMx: string;
  /** How far the listed position may be from the true one, in metres. */
  precisionM: number;
}

/** How the side was decided: inside a country polygon, or (at sea, outside both) by the line. */
export type SideBasis = 'polygon' | 'line';

export interface PositionAssessment {
  side: Side;
  sideBasis: SideBasis;
  /** Distance to the boundary line in metres, positive on the U.S. side. */
  signedDistanceM: number;
  /** The closest point of the boundary line. */
  nearestOnLine: LatLon;
  nearestPort: { port: PortOfEntry; distanceM: number };
}

export type Heading = 'towards' | 'away' | 'along';

export interface TrackAssessment {
  latest: PositionAssessment;
  heading: Heading;
  groundSpeedMps: number;
  /** Ground course in degrees clockwise from true north; null when not moving. */
  courseDeg: number | null;
  /** When the track reaches the line flying straight on; null if it never does within the horizon. */
  predictedCrossingAt: number | null;
}

export interface Crossing {
  from: Side;
  to: Side;
  /** Time of the fix that confirmed the crossing. */
  confirmedAt: number;
  /** Time of the first fix of the run beyond the buffer: when the track was first clearly across. */
  firstBeyondAt: number;
  position: LatLon;
}
