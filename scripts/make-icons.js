#!/usr/bin/env node
/*
 * Draws the add-in's icons (a 3x3 flag matrix: shaded cells on a navy tile) as PNGs at the sizes
 * Office asks for, with Node's zlib only. Run: node scripts/make-icons.js
 */
"use strict";
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const SIZES = [16, 32, 64, 80, 128];
const NAVY = [31, 78, 121, 255];
const FLAG = [244, 177, 131, 255];
const EMPTY = [255, 255, 255, 255];
const CLEAR = [0, 0, 0, 0];
// Which cells of the 3x3 matrix are flagged (row by row), like a small Table 4.
const PATTERN = [1, 0, 1, 0, 1, 1, 1, 0, 0];

function crcTable() {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
}
const CRC = crcTable();
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function pixel(size, x, y) {
  const radius = size * 0.18;
  const cx = Math.min(Math.max(x + 0.5, radius), size - radius);
  const cy = Math.min(Math.max(y + 0.5, radius), size - radius);
  if ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 > radius ** 2) return CLEAR;
  const margin = size * 0.16;
  const gap = Math.max(1, size * 0.05);
  const cell = (size - 2 * margin - 2 * gap) / 3;
  const gx = x + 0.5 - margin;
  const gy = y + 0.5 - margin;
  if (gx < 0 || gy < 0 || gx >= size - 2 * margin || gy >= size - 2 * margin) return NAVY;
  const col = Math.floor(gx / (cell + gap));
  const row = Math.floor(gy / (cell + gap));
  if (gx - col * (cell + gap) > cell || gy - row * (cell + gap) > cell || col > 2 || row > 2) return NAVY;
  return PATTERN[row * 3 + col] ? FLAG : EMPTY;
}

function png(size) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel(size, x, y), y * (size * 4 + 1) + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const dir = path.resolve(__dirname, "..", "assets");
fs.mkdirSync(dir, { recursive: true });
for (const s of SIZES) fs.writeFileSync(path.join(dir, `icon-${s}.png`), png(s));
console.log(`Wrote ${SIZES.map((s) => `icon-${s}.png`).join(", ")} to assets/`);
