/** The licence of every open-data file the platform publishes (Creative Commons Attribution 4.0), and where it is written. */
export const OPEN_DATA_LICENCE = 'CC BY 4.0';
export const OPEN_DATA_LICENCE_URL = 'https://creativecommons.org/licenses/by/4.0/';
