import { configure } from '@testing-library/react'

// jsdom renders of a whole <Admin> are slow on a busy 2-core machine; a debounce plus a render can
// take longer than testing-library's default second.
configure({ asyncUtilTimeout: 5000 })
