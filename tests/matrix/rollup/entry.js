import { editOnce } from '../edit.js';

editOnce();
