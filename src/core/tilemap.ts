/**
 * A tile map of Iran's 31 provinces: each province one square, placed roughly
 * where it lies (x grows eastwards, y southwards). Good for choropleths where
 * real borders would hide small provinces such as Qom and Alborz.
 */
export const PROVINCE_TILES: Record<string, { x: number; y: number }> = {
  "IR-04": { x: 0, y: 0 },
  "IR-03": { x: 1, y: 0 },
  "IR-24": { x: 2, y: 0 },
  "IR-12": { x: 0, y: 1 },
  "IR-19": { x: 1, y: 1 },
  "IR-01": { x: 2, y: 1 },
  "IR-02": { x: 3, y: 1 },
  "IR-27": { x: 4, y: 1 },
  "IR-28": { x: 5, y: 1 },
  "IR-05": { x: 0, y: 2 },
  "IR-13": { x: 1, y: 2 },
  "IR-26": { x: 2, y: 2 },
  "IR-30": { x: 3, y: 2 },
  "IR-23": { x: 4, y: 2 },
  "IR-20": { x: 5, y: 2 },
  "IR-09": { x: 6, y: 2 },
  "IR-16": { x: 0, y: 3 },
  "IR-15": { x: 1, y: 3 },
  "IR-00": { x: 2, y: 3 },
  "IR-25": { x: 3, y: 3 },
  "IR-10": { x: 4, y: 3 },
  "IR-21": { x: 5, y: 3 },
  "IR-29": { x: 6, y: 3 },
  "IR-06": { x: 1, y: 4 },
  "IR-14": { x: 2, y: 4 },
  "IR-17": { x: 3, y: 4 },
  "IR-07": { x: 4, y: 4 },
  "IR-08": { x: 5, y: 4 },
  "IR-11": { x: 6, y: 4 },
  "IR-18": { x: 3, y: 5 },
  "IR-22": { x: 5, y: 5 },
};
export const TILE_COLUMNS = 7;
export const TILE_ROWS = 6;
