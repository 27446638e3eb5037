{{ config(enabled=var('include_broken', false)) }}
select id, no_such_column from {{ ref('events') }}
