{{ config(enabled=var('include_missing_source', false)) }}
select * from {{ source('chk_raw', 'not_loaded') }}
