#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 518:
/***/ ((__webpack_module__, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(__webpack_module__, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _core_version_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(67);
/* harmony import */ var _host_run_program_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(891);


// The CLI itself, beside this file in dist/, named in a variable so that the
// bundler leaves it to be loaded at run time (see run-program.ts).
const CLI = './cli-main.js';
const argv = process.argv.slice(2);
if (argv.length === 1 && argv[0] === '--version') {
    // Asked often by scripts, and answered without starting the program.
    process.stdout.write(`${_core_version_js__WEBPACK_IMPORTED_MODULE_1__/* .VERSION */ .x}\n`);
}
else {
    process.exitCode = await (0,_host_run_program_js__WEBPACK_IMPORTED_MODULE_0__/* .runProgram */ .m)(new URL(CLI, import.meta.url), {
        argv,
        onCrash: (message) => {
            process.stderr.write(`aivss-gate: the scan ${message}\n`);
            return 2;
        },
    });
}

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 67:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   x: () => (/* binding */ VERSION)
/* harmony export */ });
/** The release of aivss-gate; a test keeps it equal to package.json's version. */
const VERSION = '0.1.0';


/***/ }),

/***/ 891:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  m: () => (/* binding */ runProgram)
});

// UNUSED EXPORTS: PROGRAM_FLAGS

;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
;// CONCATENATED MODULE: external "node:url"
const external_node_url_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");
;// CONCATENATED MODULE: ./lib/host/run-program.js


/**
 * The CLI and the Action each start on a small entry file that runs the real
 * program (a separate bundle) as a child process of the same Node. Two
 * things come of it:
 *
 * - the program's heap can be tuned, which `node script.js` cannot do for
 *   itself: a young generation of a few megabytes keeps a scan of a large
 *   monorepo well under 300 MB where V8's default lets it reach 360 MB, and
 *   is no slower (the bench measures both);
 * - if hostile input ever exhausts the heap anyway, only the child dies: the
 *   entry still says what happened and exits with a deliberate code.
 *
 * The child shares the entry's standard streams, environment and working
 * directory; its exit code becomes the entry's.
 */
/** V8 settings for the program (see above). */
const PROGRAM_FLAGS = ['--max-semi-space-size=8'];
/** Runs the script; resolves to the exit code the entry should use. */
function runProgram(script, run) {
    return new Promise((resolve) => {
        const flags = [
            ...PROGRAM_FLAGS,
            ...(run.heapLimitMb ? [`--max-old-space-size=${run.heapLimitMb}`] : []),
        ];
        const child = (0,external_node_child_process_namespaceObject.spawn)(process.execPath, [...flags, (0,external_node_url_namespaceObject.fileURLToPath)(script), ...(run.argv ?? [])], { stdio: run.stdio ?? 'inherit' });
        // A cancelled job or Ctrl-C stops the program, not just its entry.
        const forward = (signal) => () => child.kill(signal);
        const onInt = forward('SIGINT');
        const onTerm = forward('SIGTERM');
        process.on('SIGINT', onInt);
        process.on('SIGTERM', onTerm);
        const settle = (code) => {
            process.off('SIGINT', onInt);
            process.off('SIGTERM', onTerm);
            resolve(code);
        };
        child.on('error', (error) => settle(run.onCrash(`could not start: ${error.message}`)));
        child.on('exit', (code, signal) => {
            if (code !== null)
                settle(code);
            else
                settle(run.onCrash(signal === 'SIGABRT'
                    ? 'ran out of memory or stopped on a fatal error; nothing was reported'
                    : `was stopped by ${signal ?? 'a signal'}; nothing was reported`));
        });
    });
}


/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(518);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
