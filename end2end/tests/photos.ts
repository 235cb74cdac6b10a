/** Test photos: a phone camera's JPEG, with the GPS position phones write into EXIF. */

/** Halden's latitude as the GPS rationals below write it: 59/1, 7/1, 2400/100. */
const LATITUDE = [59, 1, 7, 1, 2400, 100];

/** The latitude's bytes as they stand in the EXIF block (little-endian rationals). */
export const GPS_LATITUDE_BYTES = rationals(LATITUDE);

function rationals(numbers: number[]): Buffer {
  const out = Buffer.alloc(numbers.length * 4);
  numbers.forEach((n, i) => out.writeUInt32LE(n, i * 4));
  return out;
}

/**
 * The JPEG with an EXIF block (APP1) right after its start marker: IFD0 points to a GPS
 * IFD holding latitude 59°7'24" N and longitude 11°23' E, as a phone camera writes them.
 */
export function withGps(jpeg: Buffer): Buffer {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('withGps: not a JPEG');
  const tiff = Buffer.alloc(128);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  let at = 8;
  const entry = (tag: number, type: number, count: number, value: Buffer) => {
    tiff.writeUInt16LE(tag, at);
    tiff.writeUInt16LE(type, at + 2);
    tiff.writeUInt32LE(count, at + 4);
    value.copy(tiff, at + 8);
    at += 12;
  };
  const long = (n: number) => rationals([n]);
  // IFD0: one entry, the GPS IFD pointer (tag 0x8825, LONG) to offset 26.
  tiff.writeUInt16LE(1, at);
  at += 2;
  entry(0x8825, 4, 1, long(26));
  tiff.writeUInt32LE(0, at);
  at += 4;
  // GPS IFD: latitude ref and value, longitude ref and value (ASCII 2, RATIONAL 3).
  tiff.writeUInt16LE(4, at);
  at += 2;
  entry(1, 2, 2, Buffer.from('N\0\0\0', 'latin1'));
  entry(2, 5, 3, long(80));
  entry(3, 2, 2, Buffer.from('E\0\0\0', 'latin1'));
  entry(4, 5, 3, long(104));
  tiff.writeUInt32LE(0, at);
  GPS_LATITUDE_BYTES.copy(tiff, 80);
  rationals([11, 1, 23, 1, 0, 1]).copy(tiff, 104);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const header = Buffer.from([0xff, 0xe1, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), header, payload, jpeg.subarray(2)]);
}
