/**
 * TAK Protocol version 1 as protobufjs reflection, declared in code so nothing is loaded from
 * disk at run time. Field numbers are those of the public TAK protocol (takmessage.proto,
 * cotevent.proto, detail.proto, contact.proto, track.proto). Detail's group, precisionLocation,
 * status and takv are left undeclared: the decoder skips them like any unknown field.
 */
import protobuf from 'protobufjs';

const root = protobuf.Root.fromJSON({
  nested: {
    TakMessage: {
      fields: {
        takControl: { type: 'TakControl', id: 1 },
        cotEvent: { type: 'CotEvent', id: 2 },
      },
    },
    TakControl: {
      fields: {
        minProtoVersion: { type: 'uint32', id: 1 },
        maxProtoVersion: { type: 'uint32', id: 2 },
        contactUid: { type: 'string', id: 3 },
      },
    },
    CotEvent: {
      fields: {
        type: { type: 'string', id: 1 },
        access: { type: 'string', id: 2 },
        qos: { type: 'string', id: 3 },
        opex: { type: 'string', id: 4 },
        uid: { type: 'string', id: 5 },
        sendTime: { type: 'uint64', id: 6 },
        startTime: { type: 'uint64', id: 7 },
        staleTime: { type: 'uint64', id: 8 },
        how: { type: 'string', id: 9 },
        lat: { type: 'double', id: 10 },
        lon: { type: 'double', id: 11 },
        hae: { type: 'double', id: 12 },
        ce: { type: 'double', id: 13 },
        le: { type: 'double', id: 14 },
        detail: { type: 'Detail', id: 15 },
      },
    },
    Detail: {
      fields: {
        xmlDetail: { type: 'string', id: 1 },
        contact: { type: 'Contact', id: 2 },
        track: { type: 'Track', id: 7 },
      },
    },
    Contact: {
      fields: {
        endpoint: { type: 'string', id: 1 },
        callsign: { type: 'string', id: 2 },
      },
    },
    Track: {
      fields: {
        speed: { type: 'double', id: 1 },
        course: { type: 'double', id: 2 },
      },
    },
  },
});

export const TakMessageType = root.lookupType('TakMessage');

/** Magic byte that starts every framed TAK protobuf message (stream and mesh). */
export const TAK_MAGIC = 0xbf;
